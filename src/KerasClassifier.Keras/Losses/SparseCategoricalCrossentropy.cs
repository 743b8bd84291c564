using System.Text.Json.Nodes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Losses;

/// <summary>Cross-entropy between integer class ids and predicted class scores, as Keras's loss of that name.</summary>
/// <remarks>
/// Keras 3's class has no label smoothing; <c>labelSmoothing</c> here applies Keras's categorical rule
/// to the one-hot targets, and <see cref="GetConfig"/> writes <c>label_smoothing</c> only when it is
/// not 0, so configs of unsmoothed losses stay loadable by Keras. Keras's <c>ignore_class</c> is not
/// supported.
/// </remarks>
public sealed class SparseCategoricalCrossentropy : Loss
{
    /// <summary>Initializes a new instance of the <see cref="SparseCategoricalCrossentropy"/> class.</summary>
    /// <param name="fromLogits">True when the model outputs raw scores; false (default) when it outputs probabilities.</param>
    /// <param name="labelSmoothing">In [0, 1] (default 0): the one-hot targets become <c>y * (1 - s) + s / classes</c>.</param>
    /// <param name="reduction">The reduction (default <c>sum_over_batch_size</c>).</param>
    /// <param name="name">The loss name.</param>
    public SparseCategoricalCrossentropy(
        bool fromLogits = false,
        double labelSmoothing = 0,
        string reduction = "sum_over_batch_size",
        string name = "sparse_categorical_crossentropy")
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
        config["ignore_class"] = null;
        if (LabelSmoothing != 0)
        {
            config["label_smoothing"] = LabelSmoothing;
        }

        return config;
    }

    /// <inheritdoc/>
    protected internal override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        var labels = yTrue.dim() == yPred.dim() ? yTrue.squeeze(-1) : yTrue;
        labels = labels.to_type(ScalarType.Int64);

        var logProbabilities = FromLogits
            ? F.log_softmax(yPred, -1)
            : ClipProbabilities(yPred / yPred.sum(-1, keepdim: true)).log();
        var classes = yPred.shape[^1];
        var target = F.one_hot(labels, classes).to_type(yPred.dtype);
        if (LabelSmoothing > 0)
        {
            target = target * (1 - LabelSmoothing) + LabelSmoothing / classes;
        }

        return -(target * logProbabilities).sum(-1);
    }
}
