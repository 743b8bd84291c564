using SkiaSharp;

namespace KerasClassifier.Cli.Tests;

public class EvaluateCommandTests
{
    [Fact]
    public void Evaluate_prints_classes_and_writes_reports()
    {
        using var folder = new TestFolder();
        for (var i = 0; i < 6; i++)
        {
            folder.WriteImage($"train/alpha/{i}.png", 0, i);
            folder.WriteImage($"train/beta/{i}.png", 1, i);
        }

        for (var i = 0; i < 3; i++)
        {
            folder.WriteImage($"val/alpha/{i}.png", 0, i);
            folder.WriteImage($"val/beta/{i}.png", 1, i);
        }

        var (fitCode, _, _) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--val", folder.Combine("val"), "--image-size", "16", "--batch-size", "4", "--epochs", "2", "--output", folder.Combine("out"));
        Assert.Equal(0, fitCode);

        var (exitCode, results, diagnostics) = CliRunner.Run("evaluate", "--model", folder.Combine("out", "model.keras"), "--data", folder.Combine("val"));

        Assert.Equal(0, exitCode);
        var lines = results.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Matches(@"^accuracy: [01]\.\d{4} \(\d/6\)$", lines[0]);
        Assert.Equal("per-class accuracy:", lines[1]);
        Assert.Matches(@"^  alpha  [01]\.\d{4} \(\d/3\)$", lines[2]);
        Assert.Matches(@"^  beta   [01]\.\d{4} \(\d/3\)$", lines[3]);
        Assert.StartsWith("most confused", lines[4]);
        Assert.DoesNotContain("warning: no class_names.txt", diagnostics);
        using var png = SKBitmap.Decode(folder.Combine("out", "confusion_matrix.png"));
        Assert.Equal(500, png.Width);
        Assert.Equal(500, png.Height);
        var csv = File.ReadAllLines(folder.Combine("out", "per_class.csv"));
        Assert.Equal("class,support,precision,recall,f1", csv[0]);
        Assert.StartsWith("alpha,3,", csv[1]);
        Assert.StartsWith("beta,3,", csv[2]);

        var (positionalCode, positionalResults, _) = CliRunner.Run("evaluate", folder.Combine("out", "model.keras"), "--data", folder.Combine("val"));
        Assert.Equal(0, positionalCode);
        Assert.Equal(results, positionalResults);
    }

    [Theory]
    [InlineData(new[] { "evaluate", "--data", "x" }, "evaluate needs a model file")]
    [InlineData(new[] { "evaluate", "a.keras", "--model", "b.keras", "--data", "x" }, "evaluate received two models, 'a.keras' and --model 'b.keras'")]
    [InlineData(new[] { "evaluate", "--model", "/nonexistent/model.keras", "--data", "/tmp" }, "--model '/nonexistent/model.keras' does not exist")]
    [InlineData(new[] { "evaluate", "--model", "x", "--top", "-1" }, "invalid value '-1' for --top")]
    public void Bad_arguments_exit_2(string[] args, string expected)
    {
        var (exitCode, _, diagnostics) = CliRunner.Run(args);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, diagnostics);
    }

    [Fact]
    public void Help_lists_options()
    {
        var (exitCode, results, _) = CliRunner.Run("evaluate", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--model PATH", results);
        Assert.Contains("--top N", results);
    }
}
