using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>
/// The metric that <c>"accuracy"</c> names in <c>Compile</c>: binary, sparse categorical or categorical
/// accuracy, chosen from the shapes of the first batch as Keras chooses it.
/// </summary>
/// <remarks>
/// Outputs with one unit on the last axis get <see cref="BinaryAccuracy"/>; integer class ids (one rank
/// less than the output, or a trailing axis of 1) get <see cref="SparseCategoricalAccuracy"/>; other
/// targets get <see cref="CategoricalAccuracy"/>.
/// </remarks>
internal sealed class AutoAccuracy : Metric
{
    private MeanMetricWrapper? resolved;

    public AutoAccuracy(string name)
        : base(name)
    {
    }

    /// <summary>Gets the metric chosen on the first update, or null before it.</summary>
    public Metric? Resolved => resolved;

    public override void Reset() => resolved?.Reset();

    public override double Result() => resolved?.Result() ?? double.NaN;

    protected internal override void Update(Tensor yTrue, Tensor yPred)
    {
        resolved ??= Choose(yTrue, yPred);
        resolved.Update(yTrue, yPred);
    }

    private MeanMetricWrapper Choose(Tensor yTrue, Tensor yPred)
    {
        if (yPred.shape[^1] == 1)
        {
            return new BinaryAccuracy(Name);
        }

        var sparse = yTrue.dim() == yPred.dim() - 1 || (yTrue.dim() == yPred.dim() && yTrue.shape[^1] == 1);
        return sparse ? new SparseCategoricalAccuracy(Name) : new CategoricalAccuracy(Name);
    }
}
