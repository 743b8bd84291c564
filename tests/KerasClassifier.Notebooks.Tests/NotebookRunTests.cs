using System.Diagnostics;
using Xunit.Abstractions;

namespace KerasClassifier.Notebooks.Tests;

/// <summary>
/// Runs every notebook in notebooks/ headless through notebooks/run-notebooks.sh, the way CI and a
/// user do, so that the solution's single test command covers them.
/// </summary>
public class NotebookRunTests(ITestOutputHelper output)
{
    // The script limits each notebook to NOTEBOOK_TIMEOUT_SECONDS itself, so this limit only
    // guards against a hang in packing or in the script.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(40);

    [Fact]
    public void Notebooks_RunWithoutFailedCells()
    {
        string repository = RepositoryRoot();
        string script = Path.Combine(repository, "notebooks", "run-notebooks.sh");

        var (exitCode, log) = Run("bash", repository, script);
        output.WriteLine(log);

        Assert.True(exitCode == 0, $"{script} exited with code {exitCode}:\n{log}");
        Assert.Contains(" 0 failed", log);
    }

    private static (int ExitCode, string Output) Run(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {Limit.TotalMinutes} minutes\n{output.Result}{errors.Result}");
        }

        return (process.ExitCode, output.Result + errors.Result);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KerasClassifier.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"KerasClassifier.sln was not found in {AppContext.BaseDirectory} or any folder above it.");
    }
}
