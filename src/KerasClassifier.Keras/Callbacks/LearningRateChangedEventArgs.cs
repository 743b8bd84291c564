namespace KerasClassifier.Keras.Callbacks;

/// <summary>Data of the events raised when a callback changes the optimizer's learning rate.</summary>
/// <param name="epoch">The 0-based epoch at whose start or end the rate changed.</param>
/// <param name="oldRate">The rate before.</param>
/// <param name="newRate">The rate after.</param>
/// <param name="reason">Why it changed, e.g. <c>val_loss did not improve for 10 epochs</c>.</param>
public sealed class LearningRateChangedEventArgs(int epoch, double oldRate, double newRate, string reason) : CallbackEventArgs
{
    /// <summary>Gets the 0-based epoch.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>Gets the rate before the change.</summary>
    public double OldRate { get; } = oldRate;

    /// <summary>Gets the rate after the change.</summary>
    public double NewRate { get; } = newRate;

    /// <summary>Gets why the rate changed.</summary>
    public string Reason { get; } = reason;

    /// <inheritdoc/>
    public override string Message =>
        $"Epoch {Epoch + 1}: learning rate {EpochLineFormatter.FormatLearningRate(OldRate)} -> {EpochLineFormatter.FormatLearningRate(NewRate)} ({Reason}).";
}
