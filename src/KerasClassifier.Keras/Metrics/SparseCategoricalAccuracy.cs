namespace KerasClassifier.Keras.Metrics;

/// <summary>The fraction of examples whose highest-scoring class equals the integer target, as Keras's <c>SparseCategoricalAccuracy</c>.</summary>
public sealed class SparseCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Initializes a new instance of the <see cref="SparseCategoricalAccuracy"/> class.</summary>
    /// <param name="name">The key it reports under (default <c>accuracy</c>, what <c>metrics: ["accuracy"]</c> gives).</param>
    public SparseCategoricalAccuracy(string name = "accuracy")
        : base(name)
    {
    }

    /// <inheritdoc/>
    protected override TorchSharp.torch.Tensor Values(TorchSharp.torch.Tensor yTrue, TorchSharp.torch.Tensor yPred)
    {
        var labels = yTrue.dim() == yPred.dim() ? yTrue.squeeze(-1) : yTrue;
        return yPred.argmax(-1).eq(labels.to_type(TorchSharp.torch.ScalarType.Int64));
    }
}
