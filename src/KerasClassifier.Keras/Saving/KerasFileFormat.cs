namespace KerasClassifier.Keras.Saving;

/// <summary>The model file formats this library reads, detected from content rather than from the extension.</summary>
public enum KerasFileFormat
{
    /// <summary>Keras 3's <c>.keras</c> zip archive: <c>metadata.json</c>, <c>config.json</c>, <c>model.weights.h5</c>.</summary>
    KerasArchive,

    /// <summary>An unzipped <c>.keras</c> archive: a folder with the same three files.</summary>
    KerasDirectory,

    /// <summary>The legacy HDF5 full-model file that <c>model.save("x.h5")</c> writes.</summary>
    LegacyHdf5Model,

    /// <summary>Keras 3's weights-only HDF5 file (<c>.weights.h5</c>), optimizer state included when present.</summary>
    KerasWeights,

    /// <summary>The legacy Keras 2 weights-only HDF5 file that <c>save_weights("x.h5")</c> writes.</summary>
    LegacyHdf5Weights,

    /// <summary>A TensorFlow SavedModel folder (<c>saved_model.pb</c> and <c>variables/</c>), read without TensorFlow.</summary>
    SavedModel,
}
