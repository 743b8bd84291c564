namespace KerasClassifier.Keras.Training;

/// <summary>tf.data's special cardinality values.</summary>
public static class Cardinality
{
    /// <summary>The dataset never ends (it was repeated without a count).</summary>
    public const long Infinite = -1;

    /// <summary>The number of batches is not known before iterating.</summary>
    public const long Unknown = -2;
}
