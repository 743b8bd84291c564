using static TorchSharp.torch;

namespace KerasClassifier.Keras.Losses;

/// <summary>
/// The Kullback-Leibler divergence <c>sum(y_true * log(y_true / y_pred))</c> over the last axis, both
/// clipped to [1e-7, 1] first, as Keras's <c>KLDivergence</c>.
/// </summary>
public sealed class KLDivergence : Loss
{
    /// <summary>Initializes a new instance of the <see cref="KLDivergence"/> class.</summary>
    /// <param name="reduction">The reduction (default <c>sum_over_batch_size</c>).</param>
    /// <param name="name">The loss name.</param>
    public KLDivergence(string reduction = "sum_over_batch_size", string name = "kl_divergence")
        : base(name, reduction)
    {
    }

    /// <inheritdoc/>
    protected internal override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        var target = MatchRank(yTrue, yPred).to_type(yPred.dtype).clamp(Epsilon, 1);
        var predicted = yPred.clamp(Epsilon, 1);
        return (target * (target / predicted).log()).sum(-1);
    }
}
