using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>The fraction of examples whose integer target is among the <c>k</c> highest scores, as Keras's <c>SparseTopKCategoricalAccuracy</c>.</summary>
public sealed class SparseTopKCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Initializes a new instance of the <see cref="SparseTopKCategoricalAccuracy"/> class.</summary>
    /// <param name="k">How many top classes count as a hit (default 5); positive.</param>
    /// <param name="name">The key it reports under (default <c>sparse_top_k_categorical_accuracy</c>).</param>
    public SparseTopKCategoricalAccuracy(int k = 5, string name = "sparse_top_k_categorical_accuracy")
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
    protected override Tensor Values(Tensor yTrue, Tensor yPred)
    {
        var labels = yTrue.dim() == yPred.dim() ? yTrue.squeeze(-1) : yTrue;
        return TopK.InTopK(labels.to_type(ScalarType.Int64), yPred, K);
    }
}
