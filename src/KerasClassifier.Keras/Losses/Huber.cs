using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Losses;

/// <summary>
/// The Huber loss averaged over the last axis, as Keras's <c>Huber</c>: <c>0.5 * e²</c> where
/// <c>|e| &lt;= delta</c>, else <c>delta * |e| - 0.5 * delta²</c>.
/// </summary>
public sealed class Huber : Loss
{
    /// <summary>Initializes a new instance of the <see cref="Huber"/> class.</summary>
    /// <param name="delta">Where the loss turns from quadratic to linear; positive (default 1).</param>
    /// <param name="reduction">The reduction (default <c>sum_over_batch_size</c>).</param>
    /// <param name="name">The loss name.</param>
    public Huber(double delta = 1.0, string reduction = "sum_over_batch_size", string name = "huber_loss")
        : base(name, reduction)
    {
        if (!(delta > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Invalid delta for Huber; expected a positive value.");
        }

        Delta = delta;
    }

    /// <summary>Gets delta.</summary>
    public double Delta { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["delta"] = Delta;
        return config;
    }

    /// <inheritdoc/>
    protected internal override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        var error = yPred - MatchRank(yTrue, yPred).to_type(yPred.dtype);
        var absolute = error.abs();
        var quadratic = 0.5 * error.square();
        var linear = Delta * absolute - 0.5 * Delta * Delta;
        return where(absolute <= Delta, quadratic, linear).mean([-1L]);
    }
}
