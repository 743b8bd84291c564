using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>The fraction of examples whose target class is among the <c>k</c> highest scores (one-hot targets), as Keras's <c>TopKCategoricalAccuracy</c>.</summary>
public sealed class TopKCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Initializes a new instance of the <see cref="TopKCategoricalAccuracy"/> class.</summary>
    /// <param name="k">How many top classes count as a hit (default 5); positive.</param>
    /// <param name="name">The key it reports under (default <c>top_k_categorical_accuracy</c>).</param>
    public TopKCategoricalAccuracy(int k = 5, string name = "top_k_categorical_accuracy")
        : base(name)
    {
        K = TopK.CheckK(k);
    }

    /// <summary>Gets k.</summary>
    public int K { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["k"] = K;
        return config;
    }

    /// <inheritdoc/>
    protected override Tensor Values(Tensor yTrue, Tensor yPred) => TopK.InTopK(ToDense(yTrue, yPred).argmax(-1), yPred, K);
}
