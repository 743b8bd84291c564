using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>A stateful metric: updated once per batch, read at the end of an epoch, then reset.</summary>
public abstract class Metric
{
    /// <summary>Initializes a new instance of the <see cref="Metric"/> class.</summary>
    /// <param name="name">The key it reports under, e.g. <c>accuracy</c>.</param>
    protected Metric(string name)
    {
        Name = name;
    }

    /// <summary>Gets the key it reports under.</summary>
    public string Name { get; }

    /// <summary>Clears the accumulated state.</summary>
    public abstract void Reset();

    /// <summary>Returns the metric over everything since the last reset.</summary>
    /// <returns>The value; NaN before any update.</returns>
    public abstract double Result();

    /// <summary>Accumulates one batch.</summary>
    /// <param name="yTrue">The targets.</param>
    /// <param name="yPred">The model output.</param>
    internal abstract void Update(Tensor yTrue, Tensor yPred);
}
