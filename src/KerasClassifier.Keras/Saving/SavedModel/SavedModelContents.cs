namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Everything read from a Keras SavedModel folder: the architecture and training config as Keras
/// config JSON, each layer's weights, the optimizer state and the versions that wrote it.
/// </summary>
/// <remarks>Every tensor listed here was read whole and passed its CRC-32C check.</remarks>
public sealed class SavedModelContents
{
    internal SavedModelContents(
        string folder,
        ArchitectureSource architectureSource,
        string? rootIdentifier,
        string? modelClassName,
        string? modelConfigJson,
        string? trainingConfigJson,
        string? kerasVersion,
        string? tensorFlowVersion,
        Shape? buildInputShape,
        IReadOnlyList<SavedLayerWeights> layers,
        SavedOptimizerState? optimizerState,
        int tensorCount,
        string? notRebuildableReason)
    {
        Folder = folder;
        ArchitectureSource = architectureSource;
        RootIdentifier = rootIdentifier;
        ModelClassName = modelClassName;
        ModelConfigJson = modelConfigJson;
        TrainingConfigJson = trainingConfigJson;
        KerasVersion = kerasVersion;
        TensorFlowVersion = tensorFlowVersion;
        BuildInputShape = buildInputShape;
        Layers = layers;
        OptimizerState = optimizerState;
        TensorCount = tensorCount;
        NotRebuildableReason = notRebuildableReason;
    }

    /// <summary>Gets the folder that was read.</summary>
    public string Folder { get; }

    /// <summary>Gets where the Keras architecture was found.</summary>
    public ArchitectureSource ArchitectureSource { get; }

    /// <summary>Gets the Keras identifier of the saved root object, e.g. <c>_tf_keras_sequential</c>; null without metadata.</summary>
    public string? RootIdentifier { get; }

    /// <summary>Gets the model's class name, e.g. <c>Sequential</c>, <c>Functional</c> or a subclass's name.</summary>
    public string? ModelClassName { get; }

    /// <summary>
    /// Gets the architecture as <c>{"class_name": ..., "config": ...}</c>, the schema of an HDF5
    /// file's <c>model_config</c>, with the SavedModel wrappers (<c>__tuple__</c>, <c>TensorShape</c>) decoded;
    /// null when the folder contains no config.
    /// </summary>
    public string? ModelConfigJson { get; }

    /// <summary>Gets the <c>training_config</c> JSON (loss, metrics, <c>optimizer_config</c>); null when the model was not compiled.</summary>
    public string? TrainingConfigJson { get; }

    /// <summary>Gets the Keras version that wrote the folder, e.g. <c>2.9.0</c>; null when not recorded.</summary>
    public string? KerasVersion { get; }

    /// <summary>Gets the TensorFlow version that wrote the folder, e.g. <c>2.9.1</c>; null when not recorded.</summary>
    public string? TensorFlowVersion { get; }

    /// <summary>Gets the input shape the model was built with, batch axis included; null when not recorded.</summary>
    public Shape? BuildInputShape { get; }

    /// <summary>Gets the model's layers in <c>model.layers</c> order, each with its weights; the InputLayer is left out.</summary>
    public IReadOnlyList<SavedLayerWeights> Layers { get; }

    /// <summary>Gets the optimizer state; null when the checkpoint contains none (not compiled, or compiled but never trained).</summary>
    public SavedOptimizerState? OptimizerState { get; }

    /// <summary>Gets the number of tensors in the checkpoint, metric state and the object graph included.</summary>
    public int TensorCount { get; }

    /// <summary>Gets why the model cannot be rebuilt from its config (naming the class or layer), or null when it can be.</summary>
    public string? NotRebuildableReason { get; }

    /// <summary>Gets a value indicating whether the architecture can be rebuilt without the Python code that defined it.</summary>
    public bool IsRebuildable => NotRebuildableReason is null;
}
