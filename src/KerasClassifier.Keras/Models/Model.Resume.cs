using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Models;

public abstract partial class Model
{
    /// <summary>
    /// Gets or sets one line that says why a callback set <see cref="StopTraining"/>, such as
    /// <c>val_loss did not improve for 3 epochs</c>; <c>Fit</c> reports it as the stop reason and
    /// clears it when it starts.
    /// </summary>
    public string? StopTrainingReason { get; set; }

    /// <summary>
    /// Gets or sets the 0-based epoch a resumed run starts at, set by a callback during
    /// <c>OnTrainBegin</c> (Keras's private <c>_initial_epoch</c>); <c>Fit</c> reads and clears it.
    /// </summary>
    internal int? ResumeFromEpoch { get; set; }

    /// <summary>
    /// Returns the epoch the loop starts at and, when a callback asked to resume later than
    /// <paramref name="initialEpoch"/>, advances the training data past the skipped epochs.
    /// </summary>
    private int TakeResumeEpoch(int initialEpoch, EpochIterator trainEpochs)
    {
        var resume = ResumeFromEpoch;
        ResumeFromEpoch = null;
        if (resume is null || resume.Value <= initialEpoch)
        {
            return initialEpoch;
        }

        trainEpochs.FastForward(initialEpoch, resume.Value - initialEpoch);
        EpochsCompleted = resume.Value;
        return resume.Value;
    }

    private static string FinishedMessage(int epochs, int initialEpoch, int firstEpoch)
    {
        var ran = epochs - firstEpoch;
        if (firstEpoch != initialEpoch)
        {
            return $"Training finished: resumed at epoch {firstEpoch + 1}, {ran} epoch(s) completed in this run.";
        }

        // A run that continues an earlier one names its epochs, so "3 epoch(s)" is not read as the whole count.
        return initialEpoch == 0
            ? $"Training finished: {ran} epoch(s) completed."
            : $"Training finished: epochs {initialEpoch + 1} to {epochs} completed.";
    }
}
