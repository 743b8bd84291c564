using System.Text.Json.Nodes;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Callbacks;

public class ModelCheckpointTests
{
    [Fact]
    public void Saves_every_epoch_with_template()
    {
        using var folder = new TempDirectory();
        var checkpoint = new ModelCheckpoint(Path.Combine(folder.Path, "ckpt", "{epoch:02d}-{val_accuracy:.4f}.keras"));
        var saved = new List<CheckpointSavedEventArgs>();
        checkpoint.Saved += (_, e) => saved.Add(e);
        var harness = new CallbackHarness(checkpoint);
        harness.Begin();

        harness.Epoch(0, ("val_loss", 0.5), ("val_accuracy", 0.25));
        harness.Epoch(1, ("val_loss", 0.7), ("val_accuracy", 0.125));

        Assert.Equal(["01-0.2500.keras", "02-0.1250.keras"], Directory.GetFiles(Path.Combine(folder.Path, "ckpt")).Select(Path.GetFileName).Order());
        Assert.Equal(2, saved.Count);
        Assert.Equal($"Epoch 2: saved the model to {Path.Combine(folder.Path, "ckpt", "02-0.1250.keras")}.", saved[1].Message);
    }

    [Fact]
    public void Best_only_saves_improvements()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "best.keras");
        var checkpoint = new ModelCheckpoint(path, saveBestOnly: true);
        var events = new List<CallbackEventArgs>();
        checkpoint.Saved += (_, e) => events.Add(e);
        checkpoint.Skipped += (_, e) => events.Add(e);
        var harness = new CallbackHarness(checkpoint);
        harness.Begin();

        harness.FillWeights(1f);
        harness.Epoch(0, ("val_loss", 0.5));
        harness.FillWeights(2f);
        harness.Epoch(1, ("val_loss", 0.4));
        harness.FillWeights(3f);
        harness.Epoch(2, ("val_loss", 0.6));

        Assert.Equal(
            [
                $"Epoch 1: val_loss improved from inf to 0.50000; saved the model to {path}.",
                $"Epoch 2: val_loss improved from 0.50000 to 0.40000; saved the model to {path}.",
                "Epoch 3: val_loss did not improve from 0.40000 (0.60000); no checkpoint written.",
            ],
            events.Select(e => e.Message));
        harness.FillWeights(0f);
        harness.Model.LoadWeights(path);
        Assert.All(harness.Model.Weights, v => Assert.All(v.GetValue(), x => Assert.Equal(2f, x)));
        Assert.Equal(0.4, checkpoint.Best);
    }

    [Fact]
    public void Initial_threshold_blocks_worse_first_epoch()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "best.keras");
        var harness = new CallbackHarness(new ModelCheckpoint(path, monitor: "val_accuracy", saveBestOnly: true, initialValueThreshold: 0.9));
        harness.Begin();

        harness.Epoch(0, ("val_accuracy", 0.8));

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Weights_only_writes_weights_file()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "w-{epoch}.weights.h5");
        var harness = new CallbackHarness(new ModelCheckpoint(path, saveWeightsOnly: true));
        harness.Begin();
        harness.FillWeights(4f);

        harness.Epoch(0, ("val_loss", 0.5));
        harness.FillWeights(0f);
        harness.Model.LoadWeights(Path.Combine(folder.Path, "w-1.weights.h5"));

        Assert.Equal(4f, harness.FirstWeight());
    }

    [Fact]
    public void Step_frequency_saves_mid_epoch()
    {
        using var folder = new TempDirectory();
        var harness = new CallbackHarness(new ModelCheckpoint(Path.Combine(folder.Path, "e{epoch}-b{batch}.keras"), saveFreq: "3"));
        harness.Begin();
        harness.Callbacks.OnEpochBegin(0, new Dictionary<string, double>());

        for (var batch = 0; batch < 7; batch++)
        {
            harness.Callbacks.OnTrainBatchEnd(batch, new Dictionary<string, double> { ["loss"] = 1 });
        }

        harness.Callbacks.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 1 });

        Assert.Equal(["e1-b3.keras", "e1-b6.keras"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("model.h5x", false, "expected a name ending in '.keras'")]
    [InlineData("model.keras", true, "expected a name ending in '.weights.h5'")]
    public void Wrong_extension_rejected(string path, bool weightsOnly, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelCheckpoint(path, saveWeightsOnly: weightsOnly));

        Assert.Equal("filepath", error.ParamName);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Invalid_save_freq_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.keras", saveFreq: "hourly"));

        Assert.Equal("saveFreq", error.ParamName);
    }

    [Fact]
    public void Missing_monitor_lists_available_keys()
    {
        using var folder = new TempDirectory();
        var harness = new CallbackHarness(new ModelCheckpoint(Path.Combine(folder.Path, "m.keras"), monitor: "val_acc", saveBestOnly: true));
        harness.Begin();

        var error = Assert.Throws<ArgumentException>(() => harness.Epoch(0, ("loss", 1.0), ("val_accuracy", 0.5)));

        Assert.Contains("ModelCheckpoint monitors 'val_acc'", error.Message);
        Assert.Contains("available keys: loss, val_accuracy", error.Message);
    }

    [Fact]
    public void State_keeps_best_across_runs()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "best.keras");
        var first = new ModelCheckpoint(path, saveBestOnly: true);
        var firstRun = new CallbackHarness(first);
        firstRun.Begin();
        firstRun.Epoch(0, ("val_loss", 0.3));
        var state = (JsonObject)JsonNode.Parse(first.GetState().ToJsonString())!;
        File.Delete(path);

        var resumed = new ModelCheckpoint(path, saveBestOnly: true);
        var resumedRun = new CallbackHarness(resumed);
        resumedRun.Begin();
        resumed.SetState(state);
        resumedRun.Epoch(1, ("val_loss", 0.4));

        Assert.False(File.Exists(path));
        Assert.Equal(0.3, resumed.Best);
    }
}
