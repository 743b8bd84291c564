namespace KerasClassifier.Cli.CommandLine;

/// <summary>An invalid command line or input file; the program prints the message and exits with code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
