using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Callbacks;

public class CSVLoggerTests
{
    [Fact]
    public void Writes_sorted_keys_per_epoch()
    {
        using var folder = new TempDirectory();
        var path = folder.File("logs/history.csv");
        var harness = new CallbackHarness(new CSVLogger(path));
        harness.Begin();

        harness.Epoch(0, ("val_loss", 0.5), ("loss", 0.25), ("accuracy", 0.125));
        harness.Epoch(1, ("val_loss", 0.1), ("loss", 1.0 / 3), ("accuracy", 0.75));

        var lines = File.ReadAllLines(path);
        Assert.Equal(["epoch,accuracy,loss,val_loss", "0,0.125,0.25,0.5", "1,0.75,0.3333333333333333,0.1"], lines);
    }

    [Fact]
    public void Values_read_back_exactly()
    {
        using var folder = new TempDirectory();
        var path = folder.File("history.csv");
        var harness = new CallbackHarness(new CSVLogger(path));
        harness.Begin();
        var value = 0.1 + 0.2;

        harness.Epoch(0, ("loss", value));

        var field = File.ReadAllLines(path)[1].Split(',')[1];
        Assert.Equal(value, double.Parse(field, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Non_finite_values_use_python_names()
    {
        Assert.Equal("nan", CSVLogger.FormatNumber(double.NaN));
        Assert.Equal("inf", CSVLogger.FormatNumber(double.PositiveInfinity));
        Assert.Equal("-inf", CSVLogger.FormatNumber(double.NegativeInfinity));
    }

    [Fact]
    public void New_run_without_append_replaces_file()
    {
        using var folder = new TempDirectory();
        var path = folder.File("history.csv");
        File.WriteAllText(path, "epoch,loss\n0,9\n1,8\n");
        var harness = new CallbackHarness(new CSVLogger(path));
        harness.Begin();

        harness.Epoch(0, ("loss", 0.5));

        Assert.Equal(["epoch,loss", "0,0.5"], File.ReadAllLines(path));
    }

    [Fact]
    public void Append_keeps_earlier_rows_and_drops_repeated_epochs()
    {
        using var folder = new TempDirectory();
        var path = folder.File("history.csv");
        File.WriteAllText(path, "epoch,loss\n0,0.9\n1,0.8\n2,0.7\n");
        var harness = new CallbackHarness(new CSVLogger(path, append: true));
        harness.Begin();

        harness.Epoch(2, ("loss", 0.6));
        harness.Epoch(3, ("loss", 0.5));

        Assert.Equal(["epoch,loss", "0,0.9", "1,0.8", "2,0.6", "3,0.5"], File.ReadAllLines(path));
    }

    [Fact]
    public void Append_with_new_key_adds_column()
    {
        using var folder = new TempDirectory();
        var path = folder.File("history.csv");
        File.WriteAllText(path, "epoch;loss\n0;0.9\n");
        var harness = new CallbackHarness(new CSVLogger(path, separator: ";", append: true));
        harness.Begin();

        harness.Epoch(1, ("loss", 0.5), ("val_loss", 0.7));

        Assert.Equal(["epoch;loss;val_loss", "0;0.9;NA", "1;0.5;0.7"], File.ReadAllLines(path));
    }

    [Fact]
    public void Append_to_foreign_csv_rejected()
    {
        using var folder = new TempDirectory();
        var path = folder.File("data.csv");
        File.WriteAllText(path, "name,price\napple,1\n");
        var harness = new CallbackHarness(new CSVLogger(path, append: true));

        var error = Assert.Throws<InvalidDataException>(harness.Begin);

        Assert.Contains("data.csv", error.Message);
        Assert.Contains("'name', not 'epoch'", error.Message);
    }

    [Fact]
    public void No_temporary_files_left()
    {
        using var folder = new TempDirectory();
        var path = folder.File("history.csv");
        var harness = new CallbackHarness(new CSVLogger(path));
        harness.Begin();

        harness.Epoch(0, ("loss", 0.5));
        harness.Epoch(1, ("loss", 0.4));

        Assert.Equal(["history.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }
}
