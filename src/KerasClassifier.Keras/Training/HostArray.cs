namespace KerasClassifier.Keras.Training;

/// <summary>A row-major float array with its shape, batch axis first: one input or target of a batch.</summary>
/// <param name="Data">The values.</param>
/// <param name="Shape">The shape.</param>
internal sealed record HostArray(float[] Data, long[] Shape);
