using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Callbacks;

public class EarlyStoppingTests
{
    [Fact]
    public void Stops_exactly_at_patience()
    {
        var stopping = new EarlyStopping(patience: 2);
        var harness = new CallbackHarness(stopping);
        harness.Begin();

        harness.Epoch(0, ("val_loss", 1.0));
        harness.Epoch(1, ("val_loss", 0.9));
        harness.Epoch(2, ("val_loss", 0.95));
        Assert.False(harness.Model.StopTraining);
        Assert.Equal(1, stopping.Wait);

        harness.Epoch(3, ("val_loss", 0.92));

        Assert.True(harness.Model.StopTraining);
        Assert.Equal(3, stopping.StoppedEpoch);
        Assert.Equal(0.9, stopping.Best);
        Assert.Equal(1, stopping.BestEpoch);
        Assert.Contains("val_loss did not improve for 2 epoch(s) (patience 2)", harness.Model.StopTrainingReason);
        Assert.Contains("best 0.90000 at epoch 2", harness.Model.StopTrainingReason);
    }

    [Fact]
    public void Patience_zero_stops_at_first_stall()
    {
        var harness = new CallbackHarness(new EarlyStopping(monitor: "loss"));
        harness.Begin();

        var epochs = harness.RunUntilStopped("loss", 1.0, 0.8, 0.9, 0.5);

        Assert.Equal(3, epochs);
    }

    [Fact]
    public void Never_stops_at_first_epoch()
    {
        var harness = new CallbackHarness(new EarlyStopping(monitor: "val_loss", baseline: 0.1));
        harness.Begin();

        harness.Epoch(0, ("val_loss", 1.0));

        Assert.False(harness.Model.StopTraining);
    }

    [Fact]
    public void Min_delta_ignores_small_gains()
    {
        var harness = new CallbackHarness(new EarlyStopping(minDelta: 0.05, patience: 1));
        harness.Begin();

        var epochs = harness.RunUntilStopped("val_loss", 1.0, 0.97, 0.96, 0.5);

        Assert.Equal(2, epochs);
    }

    [Fact]
    public void Accuracy_is_maximized_in_auto_mode()
    {
        var stopping = new EarlyStopping(monitor: "val_accuracy", patience: 1);
        var harness = new CallbackHarness(stopping);
        harness.Begin();

        var epochs = harness.RunUntilStopped("val_accuracy", 0.5, 0.6, 0.7, 0.65, 0.8);

        Assert.Equal(4, epochs);
        Assert.True(stopping.Maximizes);
        Assert.Equal(0.7, stopping.Best);
    }

    [Fact]
    public void Max_mode_overrides_name()
    {
        var stopping = new EarlyStopping(monitor: "val_loss", mode: "max", patience: 1);
        var harness = new CallbackHarness(stopping);
        harness.Begin();

        var epochs = harness.RunUntilStopped("val_loss", 1.0, 0.9, 0.8);

        Assert.Equal(2, epochs);
    }

    [Fact]
    public void Baseline_not_beaten_keeps_wait_growing()
    {
        var withBaseline = new CallbackHarness(new EarlyStopping(patience: 2, baseline: 0.5));
        var withoutBaseline = new CallbackHarness(new EarlyStopping(patience: 2));
        withBaseline.Begin();
        withoutBaseline.Begin();

        // The first value is a new best but misses the baseline, so its epoch still counts as waiting.
        withBaseline.RunUntilStopped("val_loss", 0.9, 0.95);
        withoutBaseline.RunUntilStopped("val_loss", 0.9, 0.95);

        Assert.True(withBaseline.Model.StopTraining);
        Assert.False(withoutBaseline.Model.StopTraining);
    }

    [Fact]
    public void Start_from_epoch_delays_watching()
    {
        var stopping = new EarlyStopping(startFromEpoch: 2);
        var harness = new CallbackHarness(stopping);
        harness.Begin();

        var epochs = harness.RunUntilStopped("val_loss", 0.1, 0.5, 0.9, 1.0, 0.2);

        Assert.Equal(4, epochs);
        Assert.Equal(0.9, stopping.Best);
    }

    [Fact]
    public void Restores_best_weights_at_train_end()
    {
        var stopping = new EarlyStopping(patience: 1, restoreBestWeights: true);
        var harness = new CallbackHarness(stopping);
        BestWeightsRestoredEventArgs? restored = null;
        stopping.BestWeightsRestored += (_, e) => restored = e;
        harness.Begin();

        harness.FillWeights(1f);
        harness.Epoch(0, ("val_loss", 0.8));
        harness.FillWeights(2f);
        harness.Epoch(1, ("val_loss", 0.5));
        harness.FillWeights(3f);
        harness.Epoch(2, ("val_loss", 0.7));
        harness.End();

        Assert.True(harness.Model.StopTraining);
        Assert.All(harness.Model.Weights, v => Assert.All(v.GetValue(), x => Assert.Equal(2f, x)));
        Assert.NotNull(restored);
        Assert.Equal(1, restored.Epoch);
        Assert.Contains("best epoch, 2", restored.Message);
    }

    [Fact]
    public void Without_restore_weights_stay_last()
    {
        var harness = new CallbackHarness(new EarlyStopping(patience: 1));
        harness.Begin();

        harness.FillWeights(1f);
        harness.Epoch(0, ("val_loss", 0.5));
        harness.FillWeights(3f);
        harness.Epoch(1, ("val_loss", 0.7));
        harness.End();

        Assert.Equal(3f, harness.FirstWeight());
    }

    [Fact]
    public void Missing_monitor_lists_available_keys()
    {
        var harness = new CallbackHarness(new EarlyStopping(monitor: "val_acc"));
        harness.Begin();

        var error = Assert.Throws<ArgumentException>(() => harness.Epoch(0, ("loss", 1.0), ("accuracy", 0.5), ("val_loss", 1.1), ("val_accuracy", 0.4)));

        Assert.Equal("monitor", error.ParamName);
        Assert.Contains("EarlyStopping monitors 'val_acc'", error.Message);
        Assert.Contains("available keys: loss, accuracy, val_loss, val_accuracy", error.Message);
    }

    [Fact]
    public void Missing_validation_key_hints_at_validation_data()
    {
        var harness = new CallbackHarness(new EarlyStopping());
        harness.Begin();

        var error = Assert.Throws<ArgumentException>(() => harness.Epoch(0, ("loss", 1.0)));

        Assert.Contains("need validation data", error.Message);
    }

    [Fact]
    public void Unknown_direction_asks_for_mode()
    {
        var harness = new CallbackHarness(new EarlyStopping(monitor: "learning_rate"));
        harness.Begin();

        var error = Assert.Throws<ArgumentException>(() => harness.Epoch(0, ("learning_rate", 0.1)));

        Assert.Equal("mode", error.ParamName);
        Assert.Contains("mode: \"max\"", error.Message);
    }

    [Theory]
    [InlineData("maximum", "mode")]
    [InlineData("", "mode")]
    public void Invalid_mode_rejected(string mode, string parameter)
    {
        var error = Assert.Throws<ArgumentException>(() => new EarlyStopping(mode: mode));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains("expected auto, min or max", error.Message);
    }

    [Fact]
    public void Negative_patience_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(patience: -1));

        Assert.Equal("patience", error.ParamName);
    }

    [Fact]
    public void State_round_trip_keeps_counters()
    {
        var values = new[] { 1.0, 0.6, 0.7, 0.8, 0.9 };
        var uninterrupted = new CallbackHarness(new EarlyStopping(patience: 3, restoreBestWeights: true));
        uninterrupted.Begin();
        var expectedEpochs = uninterrupted.RunUntilStopped("val_loss", values);

        var first = new EarlyStopping(patience: 3, restoreBestWeights: true);
        var firstRun = new CallbackHarness(first);
        firstRun.Begin();
        firstRun.FillWeights(5f);
        firstRun.Epoch(0, ("val_loss", values[0]));
        firstRun.Epoch(1, ("val_loss", values[1]));
        firstRun.Epoch(2, ("val_loss", values[2]));
        var state = first.GetState();

        var resumed = new EarlyStopping(patience: 3, restoreBestWeights: true);
        var resumedRun = new CallbackHarness(resumed);
        resumedRun.Begin();
        resumed.SetState((System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(state.ToJsonString())!);
        resumedRun.FillWeights(9f);
        resumedRun.Epoch(3, ("val_loss", values[3]));
        Assert.False(resumedRun.Model.StopTraining);
        resumedRun.Epoch(4, ("val_loss", values[4]));
        resumedRun.End();

        Assert.Equal(5, expectedEpochs);
        Assert.True(resumedRun.Model.StopTraining);
        Assert.Equal(0.6, resumed.Best);
        Assert.Equal(1, resumed.BestEpoch);
        Assert.Equal(5f, resumedRun.FirstWeight());
    }

    [Fact]
    public void State_for_other_monitor_rejected()
    {
        var state = new EarlyStopping(monitor: "loss").GetState();

        var error = Assert.Throws<ArgumentException>(() => new EarlyStopping(monitor: "val_loss").SetState(state));

        Assert.Contains("monitors 'loss'", error.Message);
    }
}
