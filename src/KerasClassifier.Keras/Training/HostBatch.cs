namespace KerasClassifier.Keras.Training;

/// <summary>One batch in host memory, channels_last, before it moves to the device.</summary>
/// <param name="Inputs">The first (often only) model input, row-major.</param>
/// <param name="Shape">The shape of <paramref name="Inputs"/> with the batch axis first.</param>
/// <param name="Labels">Integer class ids, one per example, for a single-output model; null for prediction or when <see cref="Targets"/> is set.</param>
internal sealed record HostBatch(float[] Inputs, long[] Shape, int[]? Labels)
{
    /// <summary>Gets the inputs after the first, for models with several inputs.</summary>
    public IReadOnlyList<HostArray> ExtraInputs { get; init; } = [];

    /// <summary>Gets float targets, one array per model output; when set, <see cref="Labels"/> is not used.</summary>
    public IReadOnlyList<HostArray>? Targets { get; init; }

    /// <summary>Gets one weight per example that scales its loss, or null for equal weights.</summary>
    public float[]? SampleWeights { get; init; }

    /// <summary>Gets the number of examples.</summary>
    public int Count => (int)Shape[0];

    /// <summary>Gets the shapes of all inputs, in model input order.</summary>
    public IReadOnlyList<long[]> InputShapes => [Shape, .. ExtraInputs.Select(e => e.Shape)];

    /// <summary>Gets a value indicating whether the batch has targets to train or evaluate on.</summary>
    public bool HasTargets => Targets is not null || Labels is not null;
}
