using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>The fraction of examples whose highest-scoring class is the target's highest class (one-hot targets), as Keras's <c>CategoricalAccuracy</c>.</summary>
public sealed class CategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Initializes a new instance of the <see cref="CategoricalAccuracy"/> class.</summary>
    /// <param name="name">The key it reports under (default <c>categorical_accuracy</c>).</param>
    public CategoricalAccuracy(string name = "categorical_accuracy")
        : base(name)
    {
    }

    /// <inheritdoc/>
    protected override Tensor Values(Tensor yTrue, Tensor yPred) => yPred.argmax(-1).eq(ToDense(yTrue, yPred).argmax(-1));
}
