namespace KerasClassifier.Cli.Tests;

/// <summary>Runs the program in-process and captures its two output streams.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Results, string Diagnostics) Run(params string[] args)
    {
        var results = new StringWriter();
        var diagnostics = new StringWriter();
        var exitCode = ProgramEntry.Run(args, results, diagnostics);
        return (exitCode, results.ToString(), diagnostics.ToString());
    }
}
