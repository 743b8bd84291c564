using static TorchSharp.torch;

namespace KerasClassifier.Keras.Losses;

/// <summary>The mean of absolute differences over the last axis, as Keras's <c>MeanAbsoluteError</c>.</summary>
public sealed class MeanAbsoluteError : Loss
{
    /// <summary>Initializes a new instance of the <see cref="MeanAbsoluteError"/> class.</summary>
    /// <param name="reduction">The reduction (default <c>sum_over_batch_size</c>).</param>
    /// <param name="name">The loss name.</param>
    public MeanAbsoluteError(string reduction = "sum_over_batch_size", string name = "mean_absolute_error")
        : base(name, reduction)
    {
    }

    /// <inheritdoc/>
    protected internal override Tensor Call(Tensor yTrue, Tensor yPred) =>
        (yPred - MatchRank(yTrue, yPred).to_type(yPred.dtype)).abs().mean([-1L]);
}
