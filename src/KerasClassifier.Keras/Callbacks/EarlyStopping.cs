using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// Stops training when a monitored metric has stopped improving, as Keras's <c>EarlyStopping</c>.
/// </summary>
/// <remarks>
/// At each epoch end the wait counter grows by one; an improvement over the best value (by more than
/// <see cref="MonitorCallback.MinDelta"/>) records a new best and resets it, and when it reaches
/// <see cref="Patience"/> training stops after that epoch. With a <see cref="Baseline"/>, the counter
/// only resets for values that also beat the baseline. Training never stops at the first epoch of a
/// run, as in Keras. A missing monitored key raises instead of warning (see <see cref="MonitorCallback"/>).
/// </remarks>
/// <example>
/// <code>
/// var stop = new EarlyStopping(monitor: "val_loss", patience: 3, restoreBestWeights: true);
/// model.Fit(train, epochs: 50, validationData: val, callbacks: [stop]);
/// </code>
/// </example>
public sealed class EarlyStopping : MonitorCallback
{
    private WeightSnapshot? bestWeights;

    /// <summary>Initializes a new instance of the <see cref="EarlyStopping"/> class.</summary>
    /// <param name="monitor">The log key to watch (default <c>val_loss</c>).</param>
    /// <param name="minDelta">The smallest change that counts as an improvement (default 0).</param>
    /// <param name="patience">Epochs without improvement before stopping (default 0: stop at the first epoch that does not improve).</param>
    /// <param name="mode"><c>auto</c> (default), <c>min</c> or <c>max</c>.</param>
    /// <param name="baseline">A value the metric must beat for the wait counter to reset; null (default) for none.</param>
    /// <param name="restoreBestWeights">Whether to put back the weights of the best epoch when training ends (default false).</param>
    /// <param name="startFromEpoch">Epochs to let pass before watching, as a warm-up (default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="patience"/> or <paramref name="startFromEpoch"/> is negative, or <paramref name="baseline"/> is not finite.</exception>
    public EarlyStopping(
        string monitor = "val_loss",
        double minDelta = 0,
        int patience = 0,
        string mode = "auto",
        double? baseline = null,
        bool restoreBestWeights = false,
        int startFromEpoch = 0)
        : base(monitor, mode, minDelta)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(startFromEpoch);
        if (baseline is { } value && !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(baseline), baseline, "Invalid baseline for EarlyStopping; expected a finite number or null.");
        }

        Patience = patience;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = startFromEpoch;
    }

    /// <summary>Raised when the best epoch's weights are put back at the end of training.</summary>
    public event EventHandler<BestWeightsRestoredEventArgs>? BestWeightsRestored;

    /// <summary>Gets the epochs without improvement tolerated before stopping.</summary>
    public int Patience { get; }

    /// <summary>Gets the value the metric must beat for the wait counter to reset, or null.</summary>
    public double? Baseline { get; }

    /// <summary>Gets a value indicating whether the best epoch's weights are restored at the end.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>Gets the number of warm-up epochs that are not watched.</summary>
    public int StartFromEpoch { get; }

    /// <summary>Gets the epochs counted since the last improvement.</summary>
    public int Wait { get; private set; }

    /// <summary>Gets the 0-based epoch at which training was stopped, or 0 when it was not.</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>Gets the 0-based epoch with the best value so far.</summary>
    public int BestEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        // As in Keras, the counters reset for each Fit call but the best value carries over.
        Wait = 0;
        StoppedEpoch = 0;
        BestEpoch = 0;
        bestWeights = null;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        var current = ReadMonitor(logs);
        if (epoch < StartFromEpoch)
        {
            return;
        }

        if (RestoreBestWeights && bestWeights is null)
        {
            // Until something improves, the weights at the first watched epoch count as the best.
            bestWeights = WeightSnapshot.Capture(Model!);
            BestEpoch = epoch;
        }

        Wait++;
        if (IsImprovement(current, Best))
        {
            Best = current;
            BestEpoch = epoch;
            if (RestoreBestWeights)
            {
                bestWeights = WeightSnapshot.Capture(Model!);
            }

            if (Baseline is null || IsImprovement(current, Baseline))
            {
                Wait = 0;
            }

            return;
        }

        if (Wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            Model!.StopTraining = true;
            Model.StopTrainingReason =
                $"Early stopping after epoch {epoch + 1}: {Monitor} did not improve for {Wait} epoch(s) (patience {Patience}); best {FormatValue(Best)} at epoch {BestEpoch + 1}.";
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs)
    {
        if (!RestoreBestWeights || bestWeights is null)
        {
            return;
        }

        bestWeights.Restore(Model!);
        BestWeightsRestored?.Invoke(this, new BestWeightsRestoredEventArgs(BestEpoch, Monitor, Best));
    }

    /// <inheritdoc/>
    /// <remarks>With <see cref="RestoreBestWeights"/> the state also holds the best weights, base64-encoded, so it grows with the model.</remarks>
    public override JsonObject GetState()
    {
        var state = base.GetState();
        state["wait"] = Wait;
        state["best_epoch"] = BestEpoch;
        state["stopped_epoch"] = StoppedEpoch;
        state["best_weights"] = bestWeights?.ToJson();
        return state;
    }

    /// <inheritdoc/>
    public override void SetState(JsonObject state)
    {
        base.SetState(state);
        Wait = state["wait"]?.GetValue<int>() ?? 0;
        BestEpoch = state["best_epoch"]?.GetValue<int>() ?? 0;
        StoppedEpoch = state["stopped_epoch"]?.GetValue<int>() ?? 0;
        bestWeights = state["best_weights"] is JsonObject weights ? WeightSnapshot.FromJson(weights) : null;
    }
}
