namespace KerasClassifier.Cli.Tests;

public class FitResumeTests
{
    private static void WriteClasses(TestFolder folder, string root, int classes, int perClass)
    {
        for (var c = 0; c < classes; c++)
        {
            for (var i = 0; i < perClass; i++)
            {
                folder.WriteImage($"{root}/class{c}/{i}.png", c % 2, i + c);
            }
        }
    }

    private static string[] FitArgs(TestFolder folder, string data, string output, params string[] extra) =>
        ["fit", "--data", folder.Combine(data), "--image-size", "16", "--batch-size", "4", "--augment", "none", "--output", folder.Combine(output), .. extra];

    [Fact]
    public void Resume_numbers_epochs_on_with_new_rate()
    {
        using var folder = new TestFolder();
        WriteClasses(folder, "train", 2, 6);
        var first = CliRunner.Run(FitArgs(folder, "train", "run", "--epochs", "2"));
        Assert.Equal(0, first.ExitCode);
        Assert.True(File.Exists(folder.Combine("run", "model.keras")));
        Assert.True(File.Exists(folder.Combine("run", "best.keras")));

        var resumed = CliRunner.Run(FitArgs(folder, "train", "run2", "--epochs", "2", "--lr", "0.0001", "--resume", folder.Combine("run", "model.keras"))
            .Where(a => a is not "--image-size" and not "16" and not "--augment" and not "none").ToArray());

        Assert.Equal(0, resumed.ExitCode);
        var lines = resumed.Results.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("Training Epoch: 3 || learning rate: 0.0001 ||", lines[0]);
        Assert.Contains("Testing  Epoch: 3 ||", lines[1]);
        Assert.Contains("Training Epoch: 4 ||", lines[2]);
        Assert.Contains("after epoch 2", resumed.Diagnostics);
    }

    [Fact]
    public void Resume_into_same_folder_keeps_history()
    {
        using var folder = new TestFolder();
        WriteClasses(folder, "train", 2, 6);
        var first = CliRunner.Run(FitArgs(folder, "train", "run", "--epochs", "2"));
        Assert.Equal(0, first.ExitCode);
        var firstRows = File.ReadAllLines(folder.Combine("run", "history.csv"));

        var resumed = CliRunner.Run(FitArgs(folder, "train", "run", "--epochs", "1", "--lr", "0.0001", "--resume", folder.Combine("run", "model.keras"))
            .Where(a => a is not "--image-size" and not "16" and not "--augment" and not "none").ToArray());

        Assert.Equal(0, resumed.ExitCode);
        var rows = File.ReadAllLines(folder.Combine("run", "history.csv"));
        Assert.Equal(4, rows.Length);
        Assert.Equal(firstRows, rows[..3]);
        Assert.StartsWith("2,", rows[3], StringComparison.Ordinal);

        // best.keras of the first run stays unless the resumed epoch beats it.
        Assert.Contains("val_accuracy improved from -inf to", first.Diagnostics);
        Assert.DoesNotContain("improved from -inf", resumed.Diagnostics);
    }

    [Fact]
    public void Resume_with_other_class_count_exits_with_code_2()
    {
        using var folder = new TestFolder();
        WriteClasses(folder, "two", 2, 6);
        WriteClasses(folder, "three", 3, 6);
        Assert.Equal(0, CliRunner.Run(FitArgs(folder, "two", "run", "--epochs", "1")).ExitCode);
        File.Delete(folder.Combine("run", "class_names.txt"));

        var (exitCode, _, diagnostics) = CliRunner.Run(
            "fit", "--data", folder.Combine("three"), "--epochs", "1", "--output", folder.Combine("run2"), "--resume", folder.Combine("run", "model.keras"));

        Assert.Equal(2, exitCode);
        Assert.Contains("predicts 2 classes but the data", diagnostics);
        Assert.Contains("has 3", diagnostics);
    }

    [Fact]
    public void Resume_with_other_image_size_exits_with_code_2()
    {
        using var folder = new TestFolder();
        WriteClasses(folder, "train", 2, 6);
        Assert.Equal(0, CliRunner.Run(FitArgs(folder, "train", "run", "--epochs", "1")).ExitCode);

        var (exitCode, _, diagnostics) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--image-size", "32", "--output", folder.Combine("run2"), "--resume", folder.Combine("run", "model.keras"));

        Assert.Equal(2, exitCode);
        Assert.Contains("--image-size 32 does not match the resumed model's input size 16", diagnostics);
    }

    [Fact]
    public void Resume_missing_file_exits_with_code_2()
    {
        var (exitCode, _, diagnostics) = CliRunner.Run("fit", "--resume", "/nonexistent/model.keras");

        Assert.Equal(2, exitCode);
        Assert.Contains("--resume '/nonexistent/model.keras' does not exist", diagnostics);
    }
}
