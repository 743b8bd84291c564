namespace KerasClassifier.Cli.Tests;

public class PredictAndSummaryTests
{
    private static string TrainSmallModel(TestFolder folder)
    {
        for (var i = 0; i < 6; i++)
        {
            folder.WriteImage($"train/alpha/{i}.png", 0, i);
            folder.WriteImage($"train/beta/{i}.png", 1, i);
        }

        var (exitCode, _, _) = CliRunner.Run(
            "fit", "--data", folder.Combine("train"), "--image-size", "16", "--epochs", "1", "--batch-size", "4", "--augment", "none", "--output", folder.Combine("out"));
        Assert.Equal(0, exitCode);
        return folder.Combine("out", "model.keras");
    }

    [Fact]
    public void Predict_prints_one_line_per_image_with_class_names()
    {
        using var folder = new TestFolder();
        var model = TrainSmallModel(folder);
        folder.WriteImage("new/a.png", 0, 1);
        folder.WriteImage("new/sub/b.png", 1, 2);

        var (exitCode, results, _) = CliRunner.Run("predict", model, "--data", folder.Combine("new"), "--top", "2");

        Assert.Equal(0, exitCode);
        var lines = results.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var cells = lines[0].Split('\t');
        Assert.Equal(folder.Combine("new", "a.png"), cells[0]);
        Assert.Equal(5, cells.Length);
        Assert.Contains(cells[1], new[] { "alpha", "beta" });
        Assert.Equal(1.0, double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture), 3);

        var (optionCode, optionResults, _) = CliRunner.Run("predict", "--model", model, "--data", folder.Combine("new"), "--top", "2");
        Assert.Equal(0, optionCode);
        Assert.Equal(results, optionResults);
    }

    [Fact]
    public void Predict_skips_unreadable_image_with_warning()
    {
        using var folder = new TestFolder();
        var model = TrainSmallModel(folder);
        folder.WriteImage("new/a.png", 0, 1);
        folder.WriteText("new/broken.jpg", "not an image");

        var (exitCode, results, diagnostics) = CliRunner.Run("predict", model, "--data", folder.Combine("new"));

        Assert.Equal(0, exitCode);
        Assert.Single(results.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("warning: skipped unreadable image", diagnostics);
        Assert.Contains("broken.jpg", diagnostics);
    }

    [Fact]
    public void Predict_without_readable_image_exits_2()
    {
        using var folder = new TestFolder();
        var model = TrainSmallModel(folder);
        folder.WriteText("new/broken.jpg", "not an image");

        var (exitCode, results, diagnostics) = CliRunner.Run("predict", model, "--data", folder.Combine("new", "broken.jpg"));

        Assert.Equal(2, exitCode);
        Assert.Empty(results.Trim());
        Assert.Contains("none of its 1 image file(s) could be read", diagnostics);
        Assert.Contains("broken.jpg", diagnostics);
    }

    [Fact]
    public void Summary_prints_keras_table()
    {
        using var folder = new TestFolder();
        var model = TrainSmallModel(folder);

        var (exitCode, results, _) = CliRunner.Run("summary", model);

        Assert.Equal(0, exitCode);
        Assert.Contains("Model: \"small_cnn\"", results);
        Assert.Contains("Total params:", results);
    }

    [Fact]
    public void Summary_of_real_keras_file_counts_parameters()
    {
        var path = Path.Combine(SharedPath(), "data", "keras-files", "mnistapp_ShreyanshGupta28_model.h5");

        var (exitCode, results, _) = CliRunner.Run("summary", path);

        Assert.Equal(0, exitCode);
        Assert.Contains("dense_3 (Dense)", results);
        Assert.Contains(" Total params: 53,018 (207.10 KB)", results);
    }

    [Fact]
    public void Missing_model_exits_with_code_2()
    {
        var (exitCode, _, diagnostics) = CliRunner.Run("predict", "/nonexistent/model.keras", "--data", "/tmp");

        Assert.Equal(2, exitCode);
        Assert.Contains("model '/nonexistent/model.keras' does not exist", diagnostics);
    }

    [Fact]
    public void Truncated_model_names_file()
    {
        using var folder = new TestFolder();
        var model = TrainSmallModel(folder);
        var bytes = File.ReadAllBytes(model);
        var truncated = folder.Combine("truncated.keras");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var (exitCode, _, diagnostics) = CliRunner.Run("summary", truncated);

        Assert.Equal(2, exitCode);
        Assert.Contains("truncated.keras", diagnostics);
    }

    private static string SharedPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KerasClassifier.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.Parent!.FullName, "shared");
    }
}
