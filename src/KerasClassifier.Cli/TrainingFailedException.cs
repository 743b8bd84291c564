namespace KerasClassifier.Cli;

/// <summary>A failure after training started; the program exits with code 1.</summary>
internal sealed class TrainingFailedException : Exception
{
    public TrainingFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
