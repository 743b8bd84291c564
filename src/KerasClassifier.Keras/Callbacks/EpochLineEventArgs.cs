using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>Data of <see cref="EpochLineCallback.Line"/>: one formatted training or testing line.</summary>
/// <param name="summary">The phase the line describes.</param>
public sealed class EpochLineEventArgs(PhaseSummary summary) : CallbackEventArgs
{
    /// <summary>Gets the phase the line describes.</summary>
    public PhaseSummary Summary { get; } = summary;

    /// <summary>Gets the line, formatted by <see cref="EpochLineFormatter.Format"/>.</summary>
    public override string Message { get; } = EpochLineFormatter.Format(summary);
}
