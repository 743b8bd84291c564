namespace KerasClassifier.Keras.Callbacks;

/// <summary>Data of <see cref="ModelCheckpoint.Saved"/>.</summary>
/// <param name="epoch">The 0-based epoch.</param>
/// <param name="path">The file written.</param>
/// <param name="monitor">The monitored key when saving only the best model, else null.</param>
/// <param name="previousBest">The best value before this save (infinite before the first, as in Keras), or null when nothing is monitored.</param>
/// <param name="current">The monitored value that triggered the save, or null when nothing is monitored.</param>
public sealed class CheckpointSavedEventArgs(int epoch, string path, string? monitor, double? previousBest, double? current) : CallbackEventArgs
{
    /// <summary>Gets the 0-based epoch.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>Gets the file written.</summary>
    public string Path { get; } = path;

    /// <summary>Gets the monitored key, or null.</summary>
    public string? Monitor { get; } = monitor;

    /// <summary>Gets the best value before this save, or null.</summary>
    public double? PreviousBest { get; } = previousBest;

    /// <summary>Gets the monitored value, or null.</summary>
    public double? Current { get; } = current;

    /// <inheritdoc/>
    public override string Message => Monitor is null || Current is null
        ? $"Epoch {Epoch + 1}: saved the model to {Path}."
        : $"Epoch {Epoch + 1}: {Monitor} improved from {MonitorCallbackFormat.Value(PreviousBest)} to {MonitorCallbackFormat.Value(Current)}; saved the model to {Path}.";
}
