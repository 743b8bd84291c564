using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Models;

public abstract partial class Model
{
    /// <summary>Computes the loss and metrics on in-memory arrays, as Keras's <c>evaluate</c>.</summary>
    /// <param name="x">Inputs, channels_last, batch axis first.</param>
    /// <param name="y">Integer class ids.</param>
    /// <param name="batchSize">Examples per step (default 32).</param>
    /// <param name="callbacks">Callbacks to call.</param>
    /// <returns>The metrics by name, e.g. <c>loss</c> and <c>accuracy</c>.</returns>
    public IReadOnlyDictionary<string, double> Evaluate(NDArray x, int[] y, int batchSize = 32, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return EvaluateCore(new ArrayBatchSource(x, y, batchSize, false, null, "the evaluation data"), null, callbacks).Metrics;
    }

    /// <summary>Computes the loss and metrics on inputs with float targets.</summary>
    /// <param name="x">Inputs, channels_last, batch axis first.</param>
    /// <param name="y">Targets, batch axis first.</param>
    /// <param name="batchSize">Examples per step (default 32).</param>
    /// <param name="callbacks">Callbacks to call.</param>
    /// <returns>The metrics by name.</returns>
    public IReadOnlyDictionary<string, double> Evaluate(NDArray x, NDArray y, int batchSize = 32, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return EvaluateCore(new ArrayBatchSource([x], null, [y], null, batchSize, false, null, "the evaluation data"), null, callbacks).Metrics;
    }

    /// <summary>Computes the loss and metrics of a model with several inputs or outputs.</summary>
    /// <param name="x">One input array per model input.</param>
    /// <param name="y">One target array per model output.</param>
    /// <param name="batchSize">Examples per step (default 32).</param>
    /// <param name="callbacks">Callbacks to call.</param>
    /// <returns>The metrics by name.</returns>
    public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<NDArray> x, IReadOnlyList<NDArray> y, int batchSize = 32, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return EvaluateCore(new ArrayBatchSource(x, null, y, null, batchSize, false, null, "the evaluation data"), null, callbacks).Metrics;
    }

    /// <summary>Runs one evaluation pass over a batch source and returns its summary.</summary>
    internal PhaseSummary EvaluateCore(IBatchSource source, int? steps, IEnumerable<Callback>? callbacks, CancellationToken cancellationToken = default)
    {
        RequireCompiled("Evaluate");
        using var batches = new EpochIterator(source, steps, nameof(steps), continueAcrossEpochs: false);
        var callbackList = new CallbackList(callbacks);
        callbackList.SetModel(this);
        return RunTest(0, batches, callbackList, callbackList.OnWarning, cancellationToken);
    }
}
