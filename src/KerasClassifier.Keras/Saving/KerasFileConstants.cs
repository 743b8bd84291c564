namespace KerasClassifier.Keras.Saving;

/// <summary>Names and values this library writes into Keras files.</summary>
internal static class KerasFileConstants
{
    /// <summary>The Keras release whose file layout the writers follow, written as <c>keras_version</c>.</summary>
    public const string KerasVersion = "3.10.0";

    /// <summary>The <c>backend</c> attribute of legacy HDF5 files: the computation runs on libtorch.</summary>
    public const string Backend = "torch";

    /// <summary>The archive member with the model's config.</summary>
    public const string ConfigMember = "config.json";

    /// <summary>The archive member with the Keras version and save date.</summary>
    public const string MetadataMember = "metadata.json";

    /// <summary>The archive member with the variables.</summary>
    public const string WeightsMember = "model.weights.h5";

    /// <summary>The key of this library's own object in <c>metadata.json</c>; Keras ignores unknown keys there.</summary>
    public const string MetadataKey = "keras_classifier";
}
