using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>The example-weighted mean of a per-batch scalar, such as the loss.</summary>
public sealed class MeanMetric : Metric
{
    private Tensor? sum;
    private long count;

    /// <summary>Initializes a new instance of the <see cref="MeanMetric"/> class.</summary>
    /// <param name="name">The key it reports under.</param>
    public MeanMetric(string name)
        : base(name)
    {
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        sum?.Dispose();
        sum = null;
        count = 0;
    }

    /// <inheritdoc/>
    public override double Result() => count == 0 ? double.NaN : sum!.item<double>() / count;

    /// <summary>Adds a batch mean that covers <paramref name="examples"/> examples.</summary>
    internal void Add(Tensor batchMean, long examples)
    {
        using var weighted = batchMean.detach().to_type(ScalarType.Float64) * examples;
        sum = Accumulate(sum, weighted);
        count += examples;
    }

    /// <inheritdoc/>
    protected internal override void Update(Tensor yTrue, Tensor yPred) =>
        throw new NotSupportedException("MeanMetric is updated with Add, not from targets and predictions.");
}
