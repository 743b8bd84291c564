using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>
/// The base of metrics that average a per-example value over every example seen, as Keras's
/// <c>MeanMetricWrapper</c> (accuracy variants and top-k accuracy).
/// </summary>
public abstract class MeanMetricWrapper : Metric
{
    private Tensor? sum;
    private long count;

    /// <summary>Initializes a new instance of the <see cref="MeanMetricWrapper"/> class.</summary>
    /// <param name="name">The key it reports under.</param>
    protected MeanMetricWrapper(string name)
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

    /// <summary>Computes the per-example values to average, e.g. 1 for a correct prediction and 0 otherwise.</summary>
    /// <param name="yTrue">The targets, channels_last.</param>
    /// <param name="yPred">The predictions, channels_last.</param>
    /// <returns>One value per example (or per position, for outputs of rank above 2).</returns>
    protected abstract Tensor Values(Tensor yTrue, Tensor yPred);

    /// <inheritdoc/>
    protected internal override void Update(Tensor yTrue, Tensor yPred)
    {
        using var scope = NewDisposeScope();
        var values = Values(yTrue, yPred);
        sum = Accumulate(sum, values.sum());
        count += values.numel();
    }
}
