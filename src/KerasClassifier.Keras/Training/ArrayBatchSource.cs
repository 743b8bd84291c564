namespace KerasClassifier.Keras.Training;

/// <summary>Batches an in-memory array, reshuffled each pass from a seeded generator when asked.</summary>
internal sealed class ArrayBatchSource : IBatchSource
{
    private readonly NDArray inputs;
    private readonly int[]? labels;
    private readonly int batchSize;
    private readonly bool shuffle;
    private readonly Random random;

    public ArrayBatchSource(NDArray inputs, int[]? labels, int batchSize, bool shuffle, int? seed, string description)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (batchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"Invalid batchSize {batchSize}; expected a positive integer.");
        }

        if (labels is not null && labels.Length != inputs.Length)
        {
            throw new ArgumentException($"{description}: x has {inputs.Length} examples but y has {labels.Length} labels.", nameof(labels));
        }

        this.inputs = inputs;
        this.labels = labels;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        random = seed is null ? new Random() : new Random(seed.Value);
        Description = description;
    }

    public long Cardinality => (inputs.Length + batchSize - 1) / batchSize;

    public string Description { get; }

    public IEnumerator<HostBatch> Open()
    {
        var order = Enumerable.Range(0, inputs.Length).ToArray();
        if (shuffle)
        {
            random.Shuffle(order);
        }

        return Iterate(order);
    }

    private IEnumerator<HostBatch> Iterate(int[] order)
    {
        var exampleSize = inputs.Data.Length / Math.Max(1, inputs.Length);
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var count = Math.Min(batchSize, order.Length - start);
            var data = new float[count * exampleSize];
            var batchLabels = labels is null ? null : new int[count];
            for (var i = 0; i < count; i++)
            {
                var source = order[start + i];
                Array.Copy(inputs.Data, (long)source * exampleSize, data, (long)i * exampleSize, exampleSize);
                if (batchLabels is not null)
                {
                    batchLabels[i] = labels![source];
                }
            }

            long[] shape = [count, .. inputs.Shape.Skip(1).Select(d => (long)d)];
            yield return new HostBatch(data, shape, batchLabels);
        }
    }
}
