using System.Text.Json.Nodes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Losses;

/// <summary>Cross-entropy between one-hot (or soft) targets and predicted class scores, as Keras's <c>CategoricalCrossentropy</c>.</summary>
public sealed class CategoricalCrossentropy : Loss
{
    /// <summary>Initializes a new instance of the <see cref="CategoricalCrossentropy"/> class.</summary>
    /// <param name="fromLogits">True when the model outputs raw scores; false (default) for probabilities, which are renormalised and clipped to [1e-7, 1 - 1e-7].</param>
    /// <param name="labelSmoothing">In [0, 1] (default 0): targets become <c>y * (1 - s) + s / classes</c>.</param>
    /// <param name="reduction">The reduction (default <c>sum_over_batch_size</c>).</param>
    /// <param name="name">The loss name.</param>
    public CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0, string reduction = "sum_over_batch_size", string name = "categorical_crossentropy")
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
        var target = yTrue.to_type(yPred.dtype);
        if (!target.shape.SequenceEqual(yPred.shape))
        {
            throw new ArgumentException(
                $"CategoricalCrossentropy needs targets with the shape of the predictions ({string.Join(", ", yPred.shape)}), received ({string.Join(", ", target.shape)}); use SparseCategoricalCrossentropy for integer class ids.",
                nameof(yTrue));
        }

        if (LabelSmoothing > 0)
        {
            target = target * (1 - LabelSmoothing) + LabelSmoothing / yPred.shape[^1];
        }

        var logProbabilities = FromLogits
            ? F.log_softmax(yPred, -1)
            : ClipProbabilities(yPred / yPred.sum(-1, keepdim: true)).log();
        return -(target * logProbabilities).sum(-1);
    }
}
