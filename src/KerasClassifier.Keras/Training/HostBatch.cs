namespace KerasClassifier.Keras.Training;

/// <summary>One batch in host memory, channels_last, before it moves to the device.</summary>
/// <param name="Inputs">The inputs, row-major.</param>
/// <param name="Shape">The input shape with the batch axis first.</param>
/// <param name="Labels">Integer class ids, one per example; null for prediction.</param>
internal sealed record HostBatch(float[] Inputs, long[] Shape, int[]? Labels)
{
    /// <summary>Gets the number of examples.</summary>
    public int Count => (int)Shape[0];
}
