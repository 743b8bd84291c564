using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// Raises <see cref="Line"/> with one <c>Training Epoch</c> line after the training steps of each
/// epoch and one <c>Testing  Epoch</c> line after its validation, in the format of
/// <see cref="EpochLineFormatter"/>.
/// </summary>
public sealed class EpochLineCallback : Callback
{
    /// <summary>Raised after each phase with its formatted line.</summary>
    public event EventHandler<EpochLineEventArgs>? Line;

    /// <inheritdoc/>
    public override void OnPhaseEnd(PhaseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Line?.Invoke(this, new EpochLineEventArgs(summary));
    }
}
