using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// The base of training callbacks, with Keras's hooks. Epoch and batch indices are 0-based, as in
/// Keras; anything shown to people adds one.
/// </summary>
/// <remarks>
/// Besides Keras's hooks, <see cref="OnPhaseEnd"/> reports the steps and timing of each phase,
/// <see cref="OnWarning"/> the warnings the trainer raises (the library never prints them), and
/// <see cref="OnStop"/> why training ended, once per run.
/// </remarks>
public abstract class Callback
{
    /// <summary>Gets the model being trained; set before <see cref="OnTrainBegin"/>.</summary>
    public Model? Model { get; private set; }

    /// <summary>Gets the run's parameters: <c>epochs</c>, <c>steps</c> (null when unknown) and <c>verbose</c>.</summary>
    public IReadOnlyDictionary<string, object?> Params { get; private set; } = new Dictionary<string, object?>();

    /// <summary>Attaches the callback to a model; <see cref="CallbackList"/> calls this.</summary>
    /// <param name="model">The model.</param>
    public virtual void SetModel(Model model) => Model = model;

    /// <summary>Sets the run's parameters; <see cref="CallbackList"/> calls this.</summary>
    /// <param name="parameters">The parameters.</param>
    public virtual void SetParams(IReadOnlyDictionary<string, object?> parameters) => Params = parameters;

    /// <summary>Called when <c>Fit</c> starts.</summary>
    /// <param name="logs">Empty at this point.</param>
    public virtual void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called when <c>Fit</c> ends, whatever the reason.</summary>
    /// <param name="logs">The last epoch's logs.</param>
    public virtual void OnTrainEnd(IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called at the start of an epoch.</summary>
    /// <param name="epoch">The 0-based epoch index.</param>
    /// <param name="logs">Empty at this point.</param>
    public virtual void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called at the end of an epoch, after validation.</summary>
    /// <param name="epoch">The 0-based epoch index.</param>
    /// <param name="logs">The epoch's metrics; validation ones are prefixed <c>val_</c>.</param>
    public virtual void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called before a training step.</summary>
    /// <param name="batch">The 0-based step index within the epoch.</param>
    /// <param name="logs">Empty.</param>
    public virtual void OnTrainBatchBegin(int batch, IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called after a training step.</summary>
    /// <param name="batch">The 0-based step index within the epoch.</param>
    /// <param name="logs">The running metrics, filled only when <see cref="WantsBatchLogs"/> is true for some callback.</param>
    public virtual void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called when evaluation starts, inside <c>Fit</c> or from <c>Evaluate</c>.</summary>
    /// <param name="logs">Empty.</param>
    public virtual void OnTestBegin(IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called when evaluation ends.</summary>
    /// <param name="logs">The evaluation metrics, without prefix.</param>
    public virtual void OnTestEnd(IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called before an evaluation step.</summary>
    /// <param name="batch">The 0-based step index.</param>
    /// <param name="logs">Empty.</param>
    public virtual void OnTestBatchBegin(int batch, IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called after an evaluation step.</summary>
    /// <param name="batch">The 0-based step index.</param>
    /// <param name="logs">The running metrics, filled only when some callback wants batch logs.</param>
    public virtual void OnTestBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called when <c>Predict</c> starts.</summary>
    /// <param name="logs">Empty.</param>
    public virtual void OnPredictBegin(IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called when <c>Predict</c> ends.</summary>
    /// <param name="logs">Empty.</param>
    public virtual void OnPredictEnd(IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called before a prediction step.</summary>
    /// <param name="batch">The 0-based step index.</param>
    /// <param name="logs">Empty.</param>
    public virtual void OnPredictBatchBegin(int batch, IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called after a prediction step.</summary>
    /// <param name="batch">The 0-based step index.</param>
    /// <param name="logs">Empty.</param>
    public virtual void OnPredictBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Called when the training or the testing phase of an epoch ends.</summary>
    /// <param name="summary">The phase's metrics, steps and timing.</param>
    public virtual void OnPhaseEnd(PhaseSummary summary)
    {
    }

    /// <summary>Called for a warning the trainer raises, such as data that ran out before the planned steps.</summary>
    /// <param name="message">One line.</param>
    public virtual void OnWarning(string message)
    {
    }

    /// <summary>Called once when training ends, with the reason.</summary>
    /// <param name="reason">Why training ended.</param>
    /// <param name="message">One line that says why, for people.</param>
    public virtual void OnStop(StopReason reason, string message)
    {
    }

    /// <summary>Gets a value indicating whether this callback reads per-batch metrics, which costs a host synchronisation per step.</summary>
    public virtual bool WantsBatchLogs => false;

    /// <summary>Gets the callbacks of the same run, this one included; set by <see cref="CallbackList"/>.</summary>
    internal IReadOnlyList<Callback> Peers { get; set; } = [];

    /// <summary>Called once every callback of the run has received <see cref="OnTrainBegin"/>, so that restored state is not reset by a later callback's start.</summary>
    internal virtual void OnTrainBeginCompleted()
    {
    }

    /// <summary>Called once every callback of the run has received <see cref="OnEpochEnd"/>, so that a backup sees the epoch's final state.</summary>
    /// <param name="epoch">The 0-based epoch index.</param>
    internal virtual void OnEpochEndCompleted(int epoch)
    {
    }
}
