using System.Diagnostics;
using System.Text.Json.Nodes;
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

    [Fact]
    public void Committed_outputs_match_their_code_cells()
    {
        string repository = RepositoryRoot();
        string[] notebooks = Directory.GetFiles(Path.Combine(repository, "notebooks"), "*.ipynb");

        var (exitCode, log) = Run("python3", repository, ["notebooks/notebook-results.py", "fresh", .. notebooks]);

        Assert.True(exitCode == 0, log);
        Assert.NotEmpty(notebooks);
    }

    [Fact]
    public void Edited_code_cell_makes_saved_outputs_stale()
    {
        string repository = RepositoryRoot();
        string folder = Directory.CreateTempSubdirectory("notebook-fresh-").FullName;
        try
        {
            string notebook = Path.Combine(folder, "quickstart.ipynb");
            File.Copy(Path.Combine(repository, "notebooks", "01-quickstart.ipynb"), notebook);
            var script = Path.Combine(repository, "notebooks", "notebook-results.py");
            Assert.Equal(0, Run("python3", folder, script, "stamp", notebook).ExitCode);
            Assert.Equal(0, Run("python3", folder, script, "fresh", notebook).ExitCode);

            var document = JsonNode.Parse(File.ReadAllText(notebook))!;
            var codeCells = document["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code").ToArray();
            codeCells[2]!["source"] = "// edited after the run\n";
            File.WriteAllText(notebook, document.ToJsonString());
            var (exitCode, log) = Run("python3", folder, script, "fresh", notebook);

            Assert.Equal(1, exitCode);
            Assert.Contains($"code cell 3 of {codeCells.Length} changed after the run that made them", log);
            Assert.Contains("run-notebooks.sh --write-outputs quickstart.ipynb", log);

            // Without outputs there is nothing stale.
            foreach (var cell in codeCells)
            {
                cell!["outputs"] = new JsonArray();
                cell["execution_count"] = null;
            }

            File.WriteAllText(notebook, document.ToJsonString());
            Assert.Equal(0, Run("python3", folder, script, "fresh", notebook).ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
