using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Metrics;
using KerasClassifier.Keras.Optimizers;

namespace KerasClassifier.Keras.Models;

public abstract partial class Model
{
    private IReadOnlyList<Loss> outputLosses = [];
    private IReadOnlyList<double> lossWeights = [];
    private IReadOnlyList<int> metricOutputs = [];
    private IReadOnlyList<MeanMetric> outputLossTrackers = [];

    /// <summary>Gets the loss bound by <c>Compile</c>; for a model with several outputs, the first output's loss.</summary>
    public Loss? Loss { get; private set; }

    /// <summary>Gets the losses bound by <c>Compile</c>, one per output.</summary>
    public IReadOnlyList<Loss> Losses => outputLosses;

    /// <summary>Gets the weights of the per-output losses in the total loss, one per output.</summary>
    public IReadOnlyList<double> LossWeights => lossWeights;

    /// <summary>Binds an optimizer, a loss and metrics for training, as Keras's <c>compile</c>.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="loss">The loss; a model with several outputs applies it to each output.</param>
    /// <param name="metrics">Metric names such as <c>accuracy</c>; null for none.</param>
    /// <exception cref="ArgumentException">A metric name is unknown or listed twice.</exception>
    public void Compile(Optimizer optimizer, Loss loss, IEnumerable<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        Compile(optimizer, Enumerable.Repeat(loss, OutputCount).ToArray(), null, metrics);
    }

    /// <summary>Binds an optimizer, a loss and metric objects, for metrics configured beyond their defaults.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="metrics">The metrics, e.g. <c>new Precision(classId: 1)</c>.</param>
    /// <exception cref="ArgumentException">The model has several outputs (use metric names there), or two metrics share a name.</exception>
    public void Compile(Optimizer optimizer, Loss loss, IEnumerable<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(metrics);
        if (OutputCount != 1)
        {
            throw new ArgumentException(
                $"Model \"{Name}\" has {OutputCount} outputs; metric objects apply to one output, so pass metric names, which are created once per output.", nameof(metrics));
        }

        var list = metrics.ToArray();
        CheckUniqueMetricNames(list);
        Bind(optimizer, [loss], [1.0], list, new int[list.Length]);
    }

    /// <summary>Binds an optimizer, one loss per output with weights, and metrics, for a model with several outputs.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="losses">One loss per output, in output order.</param>
    /// <param name="lossWeights">The weight of each output's loss in the total (default 1 each).</param>
    /// <param name="metrics">Metric names; each is computed for every output and logged as <c>{output}_{metric}</c> when there are several.</param>
    /// <exception cref="ArgumentException">The counts do not match the outputs, or a metric name is unknown.</exception>
    public void Compile(Optimizer optimizer, IReadOnlyList<Loss> losses, IReadOnlyList<double>? lossWeights = null, IEnumerable<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(losses);
        if (losses.Count != OutputCount || losses.Any(l => l is null))
        {
            throw new ArgumentException($"Model \"{Name}\" has {OutputCount} output(s) but received {losses.Count} loss(es); pass one loss per output.", nameof(losses));
        }

        var weights = lossWeights?.ToArray() ?? Enumerable.Repeat(1.0, OutputCount).ToArray();
        if (weights.Length != OutputCount)
        {
            throw new ArgumentException($"Model \"{Name}\" has {OutputCount} output(s) but received {weights.Length} loss weight(s).", nameof(lossWeights));
        }

        var names = (metrics ?? []).ToArray();
        var duplicate = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Metric '{duplicate.Key}' is listed more than once.", nameof(metrics));
        }

        var created = new List<Metric>();
        var outputs = new List<int>();
        for (var output = 0; output < OutputCount; output++)
        {
            foreach (var name in names)
            {
                created.Add(OutputCount == 1 ? MetricFactory.Get(name) : MetricFactory.Get(name, $"{OutputName(output)}_{name}"));
                outputs.Add(output);
            }
        }

        Bind(optimizer, losses.ToArray(), weights, created, outputs);
    }

    /// <summary>Binds an optimizer, a loss and metrics by their Keras names, with Keras's defaults.</summary>
    /// <param name="optimizer">The optimizer name, e.g. <c>adam</c>.</param>
    /// <param name="loss">The loss name, e.g. <c>sparse_categorical_crossentropy</c>.</param>
    /// <param name="metrics">Metric names; null for none.</param>
    public void Compile(string optimizer, string loss, IEnumerable<string>? metrics = null) =>
        Compile(OptimizerFactory.Get(optimizer), LossFactory.Get(loss), metrics);

    /// <summary>Returns the log-key prefix of an output: its layer name, as Keras's <c>output_names</c>.</summary>
    private protected virtual string OutputName(int output) => $"output_{output}";

    private static void CheckUniqueMetricNames(IReadOnlyList<Metric> metrics)
    {
        var duplicate = metrics.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Metric '{duplicate.Key}' is listed more than once.", nameof(metrics));
        }
    }

    private void Bind(Optimizer optimizer, IReadOnlyList<Loss> losses, IReadOnlyList<double> weights, IReadOnlyList<Metric> metrics, IReadOnlyList<int> outputs)
    {
        Optimizer = optimizer;
        Loss = losses[0];
        outputLosses = losses;
        lossWeights = weights;
        CompiledMetrics = metrics;
        metricOutputs = outputs;
        outputLossTrackers = OutputCount == 1 ? [] : Enumerable.Range(0, OutputCount).Select(i => new MeanMetric($"{OutputName(i)}_loss")).ToArray();
    }

    private void RequireCompiled(string method)
    {
        if (!Compiled)
        {
            throw new InvalidOperationException($"Model '{Name}' must be compiled before {method}; call Compile(optimizer, loss, metrics) first.");
        }
    }
}
