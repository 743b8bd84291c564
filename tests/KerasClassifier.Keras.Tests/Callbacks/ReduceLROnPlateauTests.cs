using System.Text.Json.Nodes;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Callbacks;

public class ReduceLROnPlateauTests
{
    [Fact]
    public void Lowers_rate_after_patience()
    {
        var plateau = new ReduceLROnPlateau(factor: 0.5, patience: 2);
        var harness = new CallbackHarness(plateau, learningRate: 0.1);
        var changes = new List<LearningRateChangedEventArgs>();
        plateau.LearningRateReduced += (_, e) => changes.Add(e);
        harness.Begin();

        harness.Epoch(0, ("val_loss", 1.0));
        harness.Epoch(1, ("val_loss", 1.0));
        Assert.Equal(0.1, harness.Model.Optimizer!.LearningRate);

        harness.Epoch(2, ("val_loss", 1.0));

        Assert.Equal(0.05, harness.Model.Optimizer!.LearningRate, 12);
        var change = Assert.Single(changes);
        Assert.Equal(2, change.Epoch);
        Assert.Equal(0.1, change.OldRate);
        Assert.Equal(0.05, change.NewRate, 12);
        Assert.Equal("Epoch 3: learning rate 0.1 -> 0.05 (val_loss did not improve for 2 epoch(s), best 1.00000).", change.Message);
        Assert.Equal(0, plateau.Wait);
    }

    [Fact]
    public void Improvement_below_min_delta_counts_as_stall()
    {
        var harness = new CallbackHarness(new ReduceLROnPlateau(patience: 1, minDelta: 0.01), learningRate: 0.1);
        harness.Begin();

        harness.Epoch(0, ("val_loss", 1.0));
        harness.Epoch(1, ("val_loss", 0.995));

        Assert.Equal(0.01, harness.Model.Optimizer!.LearningRate, 12);
    }

    [Fact]
    public void Cooldown_pauses_counting()
    {
        var plateau = new ReduceLROnPlateau(factor: 0.5, patience: 1, cooldown: 2);
        var harness = new CallbackHarness(plateau, learningRate: 0.1);
        harness.Begin();

        harness.Epoch(0, ("val_loss", 1.0));
        harness.Epoch(1, ("val_loss", 1.0));
        Assert.Equal(0.05, harness.Model.Optimizer!.LearningRate, 12);

        // Epoch 3 spends the first cooldown epoch; in epoch 4 the cooldown ends and counting resumes.
        harness.Epoch(2, ("val_loss", 1.0));
        Assert.Equal(0.05, harness.Model.Optimizer!.LearningRate, 12);
        Assert.Equal(1, plateau.CooldownCounter);

        harness.Epoch(3, ("val_loss", 1.0));
        Assert.Equal(0.025, harness.Model.Optimizer!.LearningRate, 12);
    }

    [Fact]
    public void Never_goes_below_min_lr()
    {
        var plateau = new ReduceLROnPlateau(factor: 0.1, patience: 0, minLr: 0.005);
        var harness = new CallbackHarness(plateau, learningRate: 0.1);
        var changes = 0;
        plateau.LearningRateReduced += (_, _) => changes++;
        harness.Begin();

        for (var epoch = 0; epoch < 5; epoch++)
        {
            harness.Epoch(epoch, ("val_loss", 1.0));
        }

        Assert.Equal(0.005, harness.Model.Optimizer!.LearningRate, 12);
        Assert.Equal(2, changes);
    }

    [Fact]
    public void Accuracy_plateau_uses_max()
    {
        var harness = new CallbackHarness(new ReduceLROnPlateau(monitor: "val_accuracy", patience: 1), learningRate: 0.1);
        harness.Begin();

        harness.Epoch(0, ("val_accuracy", 0.5));
        harness.Epoch(1, ("val_accuracy", 0.6));
        Assert.Equal(0.1, harness.Model.Optimizer!.LearningRate);

        harness.Epoch(2, ("val_accuracy", 0.55));
        Assert.Equal(0.01, harness.Model.Optimizer!.LearningRate, 12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    [InlineData(2.0)]
    public void Factor_outside_zero_one_rejected(double factor)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(factor: factor));

        Assert.Equal("factor", error.ParamName);
        Assert.Contains("between 0 and 1", error.Message);
    }

    [Fact]
    public void Missing_monitor_lists_available_keys()
    {
        var harness = new CallbackHarness(new ReduceLROnPlateau(monitor: "val_los"));
        harness.Begin();

        var error = Assert.Throws<ArgumentException>(() => harness.Epoch(0, ("loss", 1.0), ("val_loss", 1.2)));

        Assert.Contains("ReduceLROnPlateau monitors 'val_los'", error.Message);
        Assert.Contains("available keys: loss, val_loss", error.Message);
    }

    [Fact]
    public void State_round_trip_keeps_wait_and_best()
    {
        var first = new ReduceLROnPlateau(factor: 0.5, patience: 2, cooldown: 1);
        var firstRun = new CallbackHarness(first, learningRate: 0.1);
        firstRun.Begin();
        firstRun.Epoch(0, ("val_loss", 0.5));
        firstRun.Epoch(1, ("val_loss", 0.7));
        var state = (JsonObject)JsonNode.Parse(first.GetState().ToJsonString())!;

        var resumed = new ReduceLROnPlateau(factor: 0.5, patience: 2, cooldown: 1);
        var resumedRun = new CallbackHarness(resumed, learningRate: 0.1);
        resumedRun.Begin();
        resumed.SetState(state);
        resumedRun.Epoch(2, ("val_loss", 0.6));

        Assert.Equal(0.5, resumed.Best);
        Assert.Equal(0.05, resumedRun.Model.Optimizer!.LearningRate, 12);
        Assert.Equal(1, resumed.CooldownCounter);
    }
}
