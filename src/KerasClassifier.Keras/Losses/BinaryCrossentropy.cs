using System.Text.Json.Nodes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Losses;

/// <summary>Binary cross-entropy averaged over the last axis, as Keras's <c>BinaryCrossentropy</c>.</summary>
public sealed class BinaryCrossentropy : Loss
{
    /// <summary>Initializes a new instance of the <see cref="BinaryCrossentropy"/> class.</summary>
    /// <param name="fromLogits">True when the model outputs raw scores; false (default) for probabilities, clipped to [1e-7, 1 - 1e-7].</param>
    /// <param name="labelSmoothing">In [0, 1] (default 0): targets become <c>y * (1 - s) + 0.5 * s</c>.</param>
    /// <param name="reduction">The reduction (default <c>sum_over_batch_size</c>).</param>
    /// <param name="name">The loss name.</param>
    public BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0, string reduction = "sum_over_batch_size", string name = "binary_crossentropy")
        : base(name, reduction)
    {
        FromLogits = fromLogits;
        LabelSmoothing = CheckLabelSmoothing(labelSmoothing);
    }

    /// <summary>Gets a value indicating whether the predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Gets the label-smoothing factor.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["from_logits"] = FromLogits;
        config["label_smoothing"] = LabelSmoothing;
        config["axis"] = -1;
        return config;
    }

    /// <inheritdoc/>
    protected internal override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        var target = MatchRank(yTrue, yPred).to_type(yPred.dtype);
        if (LabelSmoothing > 0)
        {
            target = target * (1 - LabelSmoothing) + 0.5 * LabelSmoothing;
        }

        Tensor elementwise;
        if (FromLogits)
        {
            elementwise = F.binary_cross_entropy_with_logits(yPred, target, reduction: nn.Reduction.None);
        }
        else
        {
            var p = ClipProbabilities(yPred);
            elementwise = -(target * p.log()) - (1 - target) * (1 - p).log();
        }

        return elementwise.mean([-1L]);
    }
}
