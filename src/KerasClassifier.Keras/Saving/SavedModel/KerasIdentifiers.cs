namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>The <c>identifier</c> strings that Keras gives its objects in a SavedModel.</summary>
internal static class KerasIdentifiers
{
    /// <summary>A layer.</summary>
    public const string Layer = "_tf_keras_layer";

    /// <summary>An InputLayer.</summary>
    public const string InputLayer = "_tf_keras_input_layer";

    /// <summary>A recurrent layer, whose weights live on its <c>cell</c>.</summary>
    public const string RnnLayer = "_tf_keras_rnn_layer";

    /// <summary>A metric.</summary>
    public const string Metric = "_tf_keras_metric";

    /// <summary>A Functional model.</summary>
    public const string Network = "_tf_keras_network";

    /// <summary>A subclassed model, whose architecture is Python code.</summary>
    public const string SubclassedModel = "_tf_keras_model";

    /// <summary>A Sequential model.</summary>
    public const string Sequential = "_tf_keras_sequential";

    /// <summary>A legacy (OptimizerV2) optimizer.</summary>
    public const string LegacyOptimizer = "optimizer";

    /// <summary>The optimizer of TensorFlow 2.11 and later.</summary>
    public const string Optimizer = "experimentalOptimizer";

    /// <summary>Returns whether an identifier names a Keras model.</summary>
    public static bool IsModel(string identifier) => identifier is Network or SubclassedModel or Sequential;

    /// <summary>Returns whether an identifier names a Keras layer or model.</summary>
    public static bool IsLayerOrModel(string identifier) => identifier is Layer or InputLayer or RnnLayer || IsModel(identifier);
}
