using KerasClassifier.Cli.Commands;

namespace KerasClassifier.Cli.Tests;

public class CancelTests
{
    [Fact]
    public void Cancel_saves_model_and_exits_130()
    {
        using var folder = new TestFolder();
        for (var i = 0; i < 6; i++)
        {
            folder.WriteImage($"train/alpha/{i}.png", 0, i);
            folder.WriteImage($"train/beta/{i}.png", 1, i);
        }

        using var cancellation = new CancellationTokenSource();
        var results = new CancelOnLine(cancellation, "Training Epoch: 2 ");
        var diagnostics = new StringWriter();
        string[] args = ["--data", folder.Combine("train"), "--image-size", "16", "--batch-size", "4", "--epochs", "5", "--output", folder.Combine("out")];

        var exitCode = new FitCommand(results, diagnostics).Run(args, cancellation.Token);

        Assert.Equal(130, exitCode);
        Assert.True(File.Exists(folder.Combine("out", "interrupted.keras")));
        Assert.False(File.Exists(folder.Combine("out", "model.keras")));
        Assert.Contains($"Saved the model as it was when cancelled to {folder.Combine("out", "interrupted.keras")}; run the same command again to resume after epoch 1", diagnostics.ToString());
        Assert.Single(diagnostics.ToString().Split('\n'), l => l.StartsWith("Training was cancelled", StringComparison.Ordinal));

        var (rerunCode, _, rerunDiagnostics) = CliRunner.Run(["fit", .. args]);

        Assert.Equal(0, rerunCode);
        Assert.Contains("continuing with epoch 2", rerunDiagnostics);
        Assert.True(File.Exists(folder.Combine("out", "model.keras")));
    }

    /// <summary>A results writer that cancels a token once a line containing the marker is written.</summary>
    private sealed class CancelOnLine(CancellationTokenSource source, string marker) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(marker, StringComparison.Ordinal) == true)
            {
                source.Cancel();
            }
        }
    }
}
