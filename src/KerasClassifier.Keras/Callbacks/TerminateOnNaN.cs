namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// Stops training as soon as the loss becomes NaN or infinite, as Keras's <c>TerminateOnNaN</c>.
/// </summary>
/// <remarks>
/// <c>Fit</c> itself already stops at the step where the loss stops being finite, with the reason
/// <see cref="Training.StopReason.NonFiniteLoss"/>. This callback adds the same check on the running
/// loss in the batch logs, for Keras compatibility and for custom loops that call the hooks directly.
/// </remarks>
public sealed class TerminateOnNaN : Callback
{
    private int epoch;

    /// <inheritdoc/>
    public override bool WantsBatchLogs => true;

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs) => this.epoch = epoch;

    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (!logs.TryGetValue("loss", out var loss) || double.IsFinite(loss))
        {
            return;
        }

        Model!.StopTraining = true;
        Model.StopTrainingReason = $"Loss became {loss} at epoch {epoch + 1}, step {batch + 1}; TerminateOnNaN stopped training.";
    }
}
