using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>A stateful metric: updated once per batch, read at the end of an epoch, then reset.</summary>
/// <remarks>
/// Targets and predictions reach <see cref="Update"/> channels_last, as the loss receives them; a metric
/// keeps its running state on the device, so that only <see cref="Result"/> synchronises with the host.
/// </remarks>
public abstract class Metric
{
    /// <summary>Initializes a new instance of the <see cref="Metric"/> class.</summary>
    /// <param name="name">The key it reports under, e.g. <c>accuracy</c>.</param>
    protected Metric(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Gets the key it reports under.</summary>
    public string Name { get; }

    /// <summary>Gets the Keras class name.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>Returns the Keras config.</summary>
    /// <returns>The config object.</returns>
    public virtual JsonObject GetConfig() => new() { ["name"] = Name, ["dtype"] = "float32" };

    /// <summary>Clears the accumulated state.</summary>
    public abstract void Reset();

    /// <summary>Returns the metric over everything since the last reset.</summary>
    /// <returns>The value; NaN before any update.</returns>
    public abstract double Result();

    /// <summary>Accumulates one batch.</summary>
    /// <param name="yTrue">The targets, channels_last (int64 class ids or float32 values).</param>
    /// <param name="yPred">The predictions, channels_last.</param>
    protected internal abstract void Update(Tensor yTrue, Tensor yPred);

    /// <summary>Adds a batch value to a running total kept on the device, creating it on first use.</summary>
    /// <param name="total">The running total, or null before the first batch.</param>
    /// <param name="batchValue">The batch's contribution.</param>
    /// <returns>The running total, outside any dispose scope.</returns>
    private protected static Tensor Accumulate(Tensor? total, Tensor batchValue)
    {
        using var detached = batchValue.detach().to_type(ScalarType.Float64);
        if (total is null)
        {
            return detached.clone().DetachFromDisposeScope();
        }

        total.add_(detached);
        return total;
    }

    /// <summary>
    /// Turns class ids of one rank less than <paramref name="yPred"/>, or with a trailing axis of 1, into
    /// one-hot float targets; binary labels for a one-unit output keep their values.
    /// </summary>
    private protected static Tensor ToDense(Tensor yTrue, Tensor yPred)
    {
        var classes = yPred.shape[^1];
        if (classes == 1)
        {
            // One output unit: the targets are binary labels, given with or without the trailing axis.
            return (yTrue.dim() == yPred.dim() - 1 ? yTrue.unsqueeze(-1) : yTrue).to_type(yPred.dtype);
        }

        if (yTrue.dim() == yPred.dim() - 1 || (yTrue.dim() == yPred.dim() && yTrue.shape[^1] == 1 && classes > 1))
        {
            var ids = yTrue.dim() == yPred.dim() ? yTrue.squeeze(-1) : yTrue;
            return nn.functional.one_hot(ids.to_type(ScalarType.Int64), classes).to_type(yPred.dtype);
        }

        return yTrue.to_type(yPred.dtype);
    }
}
