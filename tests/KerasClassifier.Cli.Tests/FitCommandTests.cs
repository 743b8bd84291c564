namespace KerasClassifier.Cli.Tests;

public class FitCommandTests
{
    private static void WriteTwoClasses(TestFolder folder, string root, int perClass)
    {
        for (var i = 0; i < perClass; i++)
        {
            folder.WriteImage($"{root}/alpha/{i}.png", 0, i);
            folder.WriteImage($"{root}/beta/{i}.png", 1, i);
        }
    }

    [Fact]
    public void Prints_two_lines_per_epoch()
    {
        using var folder = new TestFolder();
        WriteTwoClasses(folder, "train", 6);
        WriteTwoClasses(folder, "val", 2);

        var (exitCode, results, diagnostics) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--val", folder.Combine("val"), "--image-size", "16", "--epochs", "2", "--batch-size", "4", "--output", folder.Combine("out"));

        Assert.Equal(0, exitCode);
        var lines = results.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("final: epoch=2 accuracy=", lines[4]);
        Assert.Matches(@"^>> \d{4}-\d\d-\d\d \d\d:\d\d: Training Epoch: 1 \|\| learning rate: 0\.001 \|\| Loss: [0-9.]+ \|\| Accuracy: [0-9.]+%\|█{30}\| 3 / 3 \[use time : \d+\.\d{6}\]$", lines[0]);
        Assert.Matches(@"^>> \d{4}-\d\d-\d\d \d\d:\d\d: Testing  Epoch: 1 \|\| Loss: [0-9.]+ \|\| Accuracy: [0-9.]+%\|█{30}\| 1 / 1 \[use time : \d+\.\d{6}\]$", lines[1]);
        Assert.StartsWith(">> ", lines[3]);
        Assert.Contains("Training Epoch: 2", lines[2]);
        Assert.Contains("12 images in 2 classes", diagnostics);
    }

    [Fact]
    public void Unreadable_image_is_skipped_and_counted()
    {
        using var folder = new TestFolder();
        WriteTwoClasses(folder, "train", 4);
        folder.WriteText("train/alpha/broken.jpg", "not a jpeg");
        var corrupt = File.ReadAllBytes(folder.Combine("train/beta/0.png"))[..40];
        File.WriteAllBytes(folder.Combine("train/beta/truncated.png"), corrupt);

        var (exitCode, _, diagnostics) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--image-size", "16", "--epochs", "1", "--batch-size", "4", "--output", folder.Combine("out"));

        Assert.Equal(0, exitCode);
        Assert.Contains("broken.jpg", diagnostics);
        Assert.Contains("truncated.png", diagnostics);
        Assert.Contains("warning: ", diagnostics);
    }

    [Fact]
    public void Empty_folder_exits_with_code_2()
    {
        using var folder = new TestFolder();
        Directory.CreateDirectory(folder.Combine("empty"));

        var (exitCode, _, diagnostics) = CliRunner.Run("fit", "--data", folder.Combine("empty"), "--epochs", "1");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: ", diagnostics.Split('\n').Last(l => l.Length > 0));
        Assert.Contains(folder.Combine("empty"), diagnostics);
    }

    [Fact]
    public void Folder_without_images_names_extensions()
    {
        using var folder = new TestFolder();
        folder.WriteText("notes/a/readme.txt", "text");

        var (exitCode, _, diagnostics) = CliRunner.Run("fit", "--data", folder.Combine("notes"), "--epochs", "1");

        Assert.Equal(2, exitCode);
        Assert.Contains(".jpg", diagnostics);
    }

    [Fact]
    public void List_file_label_out_of_range_names_line()
    {
        using var folder = new TestFolder();
        folder.WriteImage("img/0.png", 0, 0);
        folder.WriteImage("img/1.png", 1, 0);
        folder.WriteText("train.txt", "img/0.png, 0\nimg/1.png, 1\n");
        folder.WriteText("val.txt", "img/0.png, 0\nimg/1.png, 7\n");

        var (exitCode, _, diagnostics) = CliRunner.Run("fit", "--data", folder.Combine("train.txt"), "--val", folder.Combine("val.txt"), "--epochs", "1");

        Assert.Equal(2, exitCode);
        Assert.Contains("val.txt", diagnostics);
        Assert.Contains("line 2", diagnostics);
        Assert.Contains("7", diagnostics);
    }

    [Fact]
    public void List_file_missing_path_names_file()
    {
        using var folder = new TestFolder();
        folder.WriteImage("img/0.png", 0, 0);
        folder.WriteText("train.txt", "img/0.png, 0\nimg/missing.png, 1\n");

        var (exitCode, _, diagnostics) = CliRunner.Run("fit", "--data", folder.Combine("train.txt"), "--val", folder.Combine("train.txt"), "--epochs", "1");

        Assert.Equal(2, exitCode);
        Assert.Contains("missing.png", diagnostics);
    }

    [Theory]
    [InlineData("--image-size", "0", "invalid value '0' for --image-size")]
    [InlineData("--epochs", "ten", "invalid value 'ten' for --epochs")]
    [InlineData("--lr", "-1", "invalid value '-1' for --lr")]
    [InlineData("--optimizer", "adamm", "expected one of adam, sgd")]
    [InlineData("--device", "tpu", "expected one of auto, cpu, cuda")]
    public void Invalid_option_value_exits_with_code_2(string option, string value, string expected)
    {
        var (exitCode, _, diagnostics) = CliRunner.Run("fit", option, value);

        Assert.Equal(2, exitCode);
        Assert.Equal($"error: ", diagnostics[..7]);
        Assert.Contains(expected, diagnostics);
        Assert.Single(diagnostics.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Unknown_option_exits_with_code_2()
    {
        var (exitCode, _, diagnostics) = CliRunner.Run("fit", "--epocs", "3");

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown option '--epocs' for 'fit'", diagnostics);
    }

    [Fact]
    public void Missing_data_path_exits_with_code_2()
    {
        var (exitCode, _, diagnostics) = CliRunner.Run("fit", "--data", "/nonexistent/photos");

        Assert.Equal(2, exitCode);
        Assert.Contains("--data '/nonexistent/photos' does not exist", diagnostics);
    }

    [Fact]
    public void Unknown_command_exits_with_code_2()
    {
        var (exitCode, _, diagnostics) = CliRunner.Run("train");

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown command 'train'", diagnostics);
    }
}
