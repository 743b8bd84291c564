using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Metrics;
using KerasClassifier.Keras.Optimizers;

namespace KerasClassifier.Keras.Models;

public abstract partial class Model
{
    /// <summary>Binds an optimizer, a loss and metrics for training, as Keras's <c>compile</c>.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="metrics">Metric names such as <c>accuracy</c>; null for none.</param>
    /// <exception cref="ArgumentException">A metric name is unknown.</exception>
    public void Compile(Optimizer optimizer, Loss loss, IEnumerable<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        var resolved = (metrics ?? []).Select(MetricFactory.Get).ToArray();
        var duplicate = resolved.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Metric '{duplicate.Key}' is listed more than once.", nameof(metrics));
        }

        Optimizer = optimizer;
        Loss = loss;
        CompiledMetrics = resolved;
    }

    /// <summary>Binds an optimizer, a loss and metrics by their Keras names, with Keras's defaults.</summary>
    /// <param name="optimizer">The optimizer name, e.g. <c>adam</c>.</param>
    /// <param name="loss">The loss name, e.g. <c>sparse_categorical_crossentropy</c>.</param>
    /// <param name="metrics">Metric names; null for none.</param>
    public void Compile(string optimizer, string loss, IEnumerable<string>? metrics = null) =>
        Compile(OptimizerFactory.Get(optimizer), LossFactory.Get(loss), metrics);

    private void RequireCompiled(string method)
    {
        if (!Compiled)
        {
            throw new InvalidOperationException($"Model '{Name}' must be compiled before {method}; call Compile(optimizer, loss, metrics) first.");
        }
    }
}
