using static TorchSharp.torch;

namespace KerasClassifier.Keras.Losses;

/// <summary>The mean of squared differences over the last axis, as Keras's <c>MeanSquaredError</c>.</summary>
public sealed class MeanSquaredError : Loss
{
    /// <summary>Initializes a new instance of the <see cref="MeanSquaredError"/> class.</summary>
    /// <param name="reduction">The reduction (default <c>sum_over_batch_size</c>).</param>
    /// <param name="name">The loss name.</param>
    public MeanSquaredError(string reduction = "sum_over_batch_size", string name = "mean_squared_error")
        : base(name, reduction)
    {
    }

    /// <inheritdoc/>
    protected internal override Tensor Call(Tensor yTrue, Tensor yPred) =>
        (yPred - MatchRank(yTrue, yPred).to_type(yPred.dtype)).square().mean([-1L]);
}
