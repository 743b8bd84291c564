using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>The fraction of predictions above a threshold that match binary targets, as Keras's <c>BinaryAccuracy</c>.</summary>
public sealed class BinaryAccuracy : MeanMetricWrapper
{
    /// <summary>Initializes a new instance of the <see cref="BinaryAccuracy"/> class.</summary>
    /// <param name="name">The key it reports under (default <c>binary_accuracy</c>).</param>
    /// <param name="threshold">Predictions above it count as 1 (default 0.5).</param>
    public BinaryAccuracy(string name = "binary_accuracy", double threshold = 0.5)
        : base(name)
    {
        Threshold = threshold;
    }

    /// <summary>Gets the threshold.</summary>
    public double Threshold { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["threshold"] = Threshold;
        return config;
    }

    /// <inheritdoc/>
    protected override Tensor Values(Tensor yTrue, Tensor yPred)
    {
        var target = yTrue.dim() == yPred.dim() - 1 ? yTrue.unsqueeze(-1) : yTrue;
        return yPred.gt(Threshold).to_type(ScalarType.Float32).eq(target.to_type(ScalarType.Float32));
    }
}
