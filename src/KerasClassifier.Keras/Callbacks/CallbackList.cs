using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>Forwards each hook to a list of callbacks, in order.</summary>
public sealed class CallbackList : Callback
{
    private readonly List<Callback> callbacks;

    /// <summary>Initializes a new instance of the <see cref="CallbackList"/> class.</summary>
    /// <param name="callbacks">The callbacks; null entries are rejected.</param>
    public CallbackList(IEnumerable<Callback>? callbacks = null)
    {
        this.callbacks = callbacks?.ToList() ?? [];
        if (this.callbacks.Any(c => c is null))
        {
            throw new ArgumentException("The callbacks list contains a null entry.", nameof(callbacks));
        }

        this.callbacks.ForEach(c => c.Peers = this.callbacks);
    }

    /// <summary>Gets the callbacks in call order.</summary>
    public IReadOnlyList<Callback> Items => callbacks;

    /// <inheritdoc/>
    public override bool WantsBatchLogs => callbacks.Any(c => c.WantsBatchLogs);

    /// <summary>Appends a callback.</summary>
    /// <param name="callback">The callback.</param>
    public void Add(Callback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        callbacks.Add(callback);
        callback.Peers = callbacks;
    }

    /// <inheritdoc/>
    public override void SetModel(Model model)
    {
        base.SetModel(model);
        callbacks.ForEach(c => c.SetModel(model));
    }

    /// <inheritdoc/>
    public override void SetParams(IReadOnlyDictionary<string, object?> parameters)
    {
        base.SetParams(parameters);
        callbacks.ForEach(c => c.SetParams(parameters));
    }

    /// <inheritdoc/>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnTrainBegin(logs));

    /// <inheritdoc/>
    internal override void OnTrainBeginCompleted() => callbacks.ForEach(c => c.OnTrainBeginCompleted());

    /// <inheritdoc/>
    internal override void OnEpochEndCompleted(int epoch) => callbacks.ForEach(c => c.OnEpochEndCompleted(epoch));

    /// <inheritdoc/>
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnTrainEnd(logs));

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnEpochBegin(epoch, logs));

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnEpochEnd(epoch, logs));

    /// <inheritdoc/>
    public override void OnTrainBatchBegin(int batch, IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnTrainBatchBegin(batch, logs));

    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnTrainBatchEnd(batch, logs));

    /// <inheritdoc/>
    public override void OnTestBegin(IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnTestBegin(logs));

    /// <inheritdoc/>
    public override void OnTestEnd(IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnTestEnd(logs));

    /// <inheritdoc/>
    public override void OnTestBatchBegin(int batch, IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnTestBatchBegin(batch, logs));

    /// <inheritdoc/>
    public override void OnTestBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnTestBatchEnd(batch, logs));

    /// <inheritdoc/>
    public override void OnPredictBegin(IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnPredictBegin(logs));

    /// <inheritdoc/>
    public override void OnPredictEnd(IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnPredictEnd(logs));

    /// <inheritdoc/>
    public override void OnPredictBatchBegin(int batch, IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnPredictBatchBegin(batch, logs));

    /// <inheritdoc/>
    public override void OnPredictBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => callbacks.ForEach(c => c.OnPredictBatchEnd(batch, logs));

    /// <inheritdoc/>
    public override void OnPhaseEnd(PhaseSummary summary) => callbacks.ForEach(c => c.OnPhaseEnd(summary));

    /// <inheritdoc/>
    public override void OnWarning(string message) => callbacks.ForEach(c => c.OnWarning(message));

    /// <inheritdoc/>
    public override void OnStop(StopReason reason, string message) => callbacks.ForEach(c => c.OnStop(reason, message));
}
