using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// Raises <see cref="Progress"/> at the start of each training and validation phase, after each of its
/// steps and at its end, with the step count, timing and running metrics that a Keras-style progress
/// bar shows. It draws nothing; front ends subscribe and decide how often to redraw.
/// </summary>
public sealed class ProgressCallback : Callback
{
    private readonly TimeProvider timeProvider;
    private readonly bool includeMetrics;
    private TrainingPhase phase;
    private int? epoch;
    private long phaseStart;

    /// <summary>Initializes a new instance of the <see cref="ProgressCallback"/> class.</summary>
    /// <param name="includeMetrics">
    /// Whether events carry the running metrics (default true). Reading them costs a device
    /// synchronisation per step, so pass false when only step counts are shown.
    /// </param>
    /// <param name="timeProvider">The clock for elapsed times; null for the system clock.</param>
    public ProgressCallback(bool includeMetrics = true, TimeProvider? timeProvider = null)
    {
        this.includeMetrics = includeMetrics;
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Raised at the start of a phase, after each step and when the phase ends; handlers run on the training thread.</summary>
    public event EventHandler<ProgressEventArgs>? Progress;

    /// <inheritdoc/>
    public override bool WantsBatchLogs => includeMetrics;

    /// <inheritdoc/>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs) => epoch = null;

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        this.epoch = epoch;
        Begin(TrainingPhase.Training);
    }

    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => Raise(batch + 1, logs, completed: false);

    /// <inheritdoc/>
    public override void OnTestBegin(IReadOnlyDictionary<string, double> logs) => Begin(TrainingPhase.Testing);

    /// <inheritdoc/>
    public override void OnTestBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => Raise(batch + 1, logs, completed: false);

    /// <inheritdoc/>
    public override void OnPhaseEnd(PhaseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        phase = summary.Phase;
        Raise(summary.StepsDone, summary.Metrics, completed: true);
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs) => epoch = null;

    private void Begin(TrainingPhase started)
    {
        phase = started;
        phaseStart = timeProvider.GetTimestamp();
        Raise(0, new Dictionary<string, double>(), completed: false);
    }

    private void Raise(long step, IReadOnlyDictionary<string, double> logs, bool completed)
    {
        var handler = Progress;
        if (handler is null)
        {
            return;
        }

        var steps = Params.GetValueOrDefault(phase == TrainingPhase.Training ? "steps" : "validation_steps") switch
        {
            long n => n,
            int n => n,
            _ => (long?)null,
        };
        var epochs = Params.GetValueOrDefault("epochs") as int?;
        var metrics = includeMetrics || completed ? new Dictionary<string, double>(logs) : new Dictionary<string, double>();
        var elapsed = timeProvider.GetElapsedTime(phaseStart);
        handler(this, new ProgressEventArgs(phase, epoch, epoch is null ? null : epochs, step, steps, elapsed, metrics, completed));
    }
}
