namespace KerasClassifier.Keras.Callbacks;

/// <summary>Data of <see cref="BackupAndRestore.Restored"/>.</summary>
/// <param name="completedEpochs">The epochs the backup had completed; training resumes at the next one.</param>
/// <param name="backupDir">The backup folder.</param>
public sealed class BackupRestoredEventArgs(int completedEpochs, string backupDir) : CallbackEventArgs
{
    /// <summary>Gets the epochs the backup had completed.</summary>
    public int CompletedEpochs { get; } = completedEpochs;

    /// <summary>Gets the backup folder.</summary>
    public string BackupDir { get; } = backupDir;

    /// <inheritdoc/>
    public override string Message =>
        $"Resuming from the backup in {BackupDir}: {CompletedEpochs} epoch(s) were completed, continuing with epoch {CompletedEpochs + 1}.";
}
