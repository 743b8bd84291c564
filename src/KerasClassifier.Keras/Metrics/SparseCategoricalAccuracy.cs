using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>The fraction of examples whose highest-scoring class equals the integer target.</summary>
/// <remarks>
/// Counts stay on the device and are read only by <see cref="Result"/>, so a training step needs no
/// host synchronisation for this metric.
/// </remarks>
public sealed class SparseCategoricalAccuracy : Metric
{
    private Tensor? correct;
    private long total;

    /// <summary>Initializes a new instance of the <see cref="SparseCategoricalAccuracy"/> class.</summary>
    /// <param name="name">The key it reports under (default <c>accuracy</c>, what <c>metrics: ["accuracy"]</c> gives).</param>
    public SparseCategoricalAccuracy(string name = "accuracy")
        : base(name)
    {
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        correct?.Dispose();
        correct = null;
        total = 0;
    }

    /// <inheritdoc/>
    public override double Result() => total == 0 ? double.NaN : correct!.item<long>() / (double)total;

    internal override void Update(Tensor yTrue, Tensor yPred)
    {
        using var batchCorrect = yPred.argmax(1).eq(yTrue).sum();
        if (correct is null)
        {
            correct = batchCorrect.clone().DetachFromDisposeScope();
        }
        else
        {
            correct.add_(batchCorrect);
        }

        total += yTrue.shape[0];
    }
}
