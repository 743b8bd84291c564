using System.Diagnostics;
using KerasClassifier.Keras.Saving;

namespace KerasClassifier.Cli.Tests;

/// <summary>Runs the CLI as a child process, kills it with SIGKILL midway and restarts it with the same command.</summary>
public class ResumeAfterKillTests
{
    private static string[] Command(TestFolder folder, string output) =>
    [
        "fit", "--data", folder.Combine("train"), "--val", folder.Combine("val"), "--image-size", "16", "--batch-size", "4",
        "--epochs", "6", "--seed", "7", "--device", "cpu", "--output", folder.Combine(output),
    ];

    [Fact]
    public void Killed_run_resumes_to_same_weights()
    {
        using var folder = new TestFolder();
        for (var i = 0; i < 8; i++)
        {
            folder.WriteImage($"train/alpha/{i}.png", 0, i);
            folder.WriteImage($"train/beta/{i}.png", 1, i);
        }

        for (var i = 0; i < 2; i++)
        {
            folder.WriteImage($"val/alpha/{i}.png", 0, i);
            folder.WriteImage($"val/beta/{i}.png", 1, i);
        }

        var reference = RunToEnd(Command(folder, "reference"));
        Assert.Equal(0, reference.ExitCode);

        var killed = RunUntilKilled(Command(folder, "resumed"), "Training Epoch: 3 ");
        Assert.True(killed, "the first run ended before epoch 3 was reached");
        Assert.False(File.Exists(folder.Combine("resumed", "model.keras")));
        Assert.True(File.Exists(folder.Combine("resumed", "backup", "training_metadata.json")));

        var resumed = RunToEnd(Command(folder, "resumed"));

        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("Resuming from the backup in", resumed.Diagnostics);
        Assert.DoesNotContain("Training Epoch: 1 ", resumed.Results);
        Assert.Contains("Training Epoch: 6 ", resumed.Results);
        Assert.False(Directory.Exists(folder.Combine("resumed", "backup")));
        Assert.Equal(ReadWeights(folder.Combine("reference", "model.keras")), ReadWeights(folder.Combine("resumed", "model.keras")));
        var history = File.ReadAllLines(folder.Combine("resumed", "history.csv"));
        Assert.Equal(7, history.Length);
        Assert.Equal(["0", "1", "2", "3", "4", "5"], history.Skip(1).Select(l => l.Split(',')[0]));
    }

    private static float[][] ReadWeights(string path) => KerasModels.LoadModel(path).Weights.Select(v => v.GetValue()).ToArray();

    private static ProcessStartInfo StartInfo(string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kerasclassifier.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private static (int ExitCode, string Results, string Diagnostics) RunToEnd(string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var diagnostics = process.StandardError.ReadToEndAsync();
        var results = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, results, diagnostics.Result);
    }

    /// <summary>Starts the command and kills it (SIGKILL) as soon as a stdout line contains <paramref name="marker"/>; returns whether it was killed.</summary>
    private static bool RunUntilKilled(string[] args, string marker)
    {
        using var process = Process.Start(StartInfo(args))!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return true;
            }
        }

        process.WaitForExit();
        return false;
    }
}
