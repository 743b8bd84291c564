namespace KerasClassifier.Keras.Callbacks;

/// <summary>Data of <see cref="ModelCheckpoint.Skipped"/>: a best-only checkpoint was not written because the metric did not improve.</summary>
/// <param name="epoch">The 0-based epoch.</param>
/// <param name="monitor">The monitored key.</param>
/// <param name="best">The best value so far.</param>
/// <param name="current">This epoch's value.</param>
public sealed class CheckpointSkippedEventArgs(int epoch, string monitor, double? best, double current) : CallbackEventArgs
{
    /// <summary>Gets the 0-based epoch.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>Gets the monitored key.</summary>
    public string Monitor { get; } = monitor;

    /// <summary>Gets the best value so far.</summary>
    public double? Best { get; } = best;

    /// <summary>Gets this epoch's value.</summary>
    public double Current { get; } = current;

    /// <inheritdoc/>
    public override string Message =>
        $"Epoch {Epoch + 1}: {Monitor} did not improve from {MonitorCallbackFormat.Value(Best)} ({MonitorCallbackFormat.Value(Current)}); no checkpoint written.";
}
