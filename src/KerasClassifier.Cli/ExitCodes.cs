namespace KerasClassifier.Cli;

/// <summary>The program's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>The command succeeded.</summary>
    public const int Success = 0;

    /// <summary>Training or another runtime step failed.</summary>
    public const int Failure = 1;

    /// <summary>An argument, a data file or a model file is invalid.</summary>
    public const int InvalidInput = 2;

    /// <summary>The user cancelled with Ctrl+C.</summary>
    public const int Cancelled = 130;
}
