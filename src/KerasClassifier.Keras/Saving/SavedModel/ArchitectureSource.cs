namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>Where a SavedModel folder keeps its Keras architecture (config JSON).</summary>
public enum ArchitectureSource
{
    /// <summary>No Keras config: a model exported with <c>tf.saved_model.save</c>, or a subclassed model whose metadata has no config.</summary>
    None,

    /// <summary><c>keras_metadata.pb</c>, written by TensorFlow/Keras 2.5 and later.</summary>
    KerasMetadataFile,

    /// <summary>The metadata field of Keras objects inside <c>saved_model.pb</c>, written by TensorFlow 2.0 to 2.4.</summary>
    SavedModelObjectMetadata,

    /// <summary><c>assets/saved_model.json</c>, written by the TF 1.x <c>tf.keras.experimental.export_saved_model</c>.</summary>
    AssetsJson,
}
