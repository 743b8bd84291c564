using KerasClassifier.Keras.Training;

namespace KerasClassifier.Interactive.Tests;

public class LiveTrainingDisplayTests
{
    [Fact]
    public void Fit_FastStepsDrawTwice()
    {
        var sink = new RecordingSink();
        var clock = new ManualTimeProvider();
        var display = new LiveTrainingDisplay(sink, TimeSpan.FromSeconds(1), clock);
        var model = TinyModels.Classifier();
        var (x, y) = TinyModels.Data(24);

        model.Fit(x, y, batchSize: 4, epochs: 3, validationData: (x, y), callbacks: [display]);

        Assert.Equal(1, sink.Shows);
        Assert.Equal(2, sink.Frames.Count);
        Assert.Equal(2, display.DrawCount);
        Assert.Contains("Epoch 3/3", sink.Frames[^1]);
        Assert.Contains("finished", sink.Frames[^1]);
        Assert.Contains("<td>3</td>", sink.Frames[^1]);
    }

    [Fact]
    public void Fit_ZeroIntervalDrawsEveryEvent()
    {
        var sink = new RecordingSink();
        var display = new LiveTrainingDisplay(sink, TimeSpan.Zero, new ManualTimeProvider());
        var model = TinyModels.Classifier();
        var (x, y) = TinyModels.Data(8);

        model.Fit(x, y, batchSize: 4, epochs: 2, callbacks: [display]);

        // Per epoch: epoch begin, two steps, epoch end; then one show and one final frame.
        Assert.Equal(1 + (2 * 4) + 1, sink.Frames.Count);
    }

    [Fact]
    public void Throttle_RedrawsAfterInterval()
    {
        var sink = new RecordingSink();
        var clock = new ManualTimeProvider();
        var display = new LiveTrainingDisplay(sink, TimeSpan.FromSeconds(1), clock);
        display.SetParams(new Dictionary<string, object?> { ["epochs"] = 2, ["steps"] = 10, ["initial_epoch"] = 0 });
        display.OnTrainBegin(new Dictionary<string, double>());
        display.OnEpochBegin(0, new Dictionary<string, double>());

        for (var step = 0; step < 5; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(150));
            display.OnTrainBatchEnd(step, new Dictionary<string, double> { ["loss"] = 0.5, ["accuracy"] = 0.75 });
        }

        int framesBefore = sink.Frames.Count;
        clock.Advance(TimeSpan.FromMilliseconds(300));
        display.OnTrainBatchEnd(5, new Dictionary<string, double> { ["loss"] = 0.4, ["accuracy"] = 0.8 });

        Assert.Equal(1, framesBefore);
        Assert.Equal(2, sink.Frames.Count);
        Assert.Contains("step 6/10", sink.Frames[^1]);
        Assert.Contains("accuracy 80.00%", sink.Frames[^1]);
        Assert.Contains("Epoch 1/2", sink.Frames[^1]);
    }

    [Fact]
    public void TrainEnd_ShowsStopAndWarnings()
    {
        var sink = new RecordingSink();
        var display = new LiveTrainingDisplay(sink, TimeSpan.FromHours(1), new ManualTimeProvider());
        display.SetParams(new Dictionary<string, object?> { ["epochs"] = 5, ["steps"] = null, ["initial_epoch"] = 2 });
        display.OnTrainBegin(new Dictionary<string, double>());
        display.OnWarning("The data ran out at step 3 <of 4>.");
        display.OnWarning("The data ran out at step 3 <of 4>.");
        display.OnStop(StopReason.StoppedByCallback, "Training was stopped by a callback after epoch 3.");

        display.OnTrainEnd(new Dictionary<string, double>());

        string last = sink.Frames[^1];
        Assert.Contains("Epoch 3/5", last);
        Assert.Contains("Training was stopped by a callback after epoch 3.", last);
        Assert.Single(last.Split("warning: ").Skip(1));
        Assert.Contains("&lt;of 4&gt;", last);
        Assert.Contains("<progress style=", last);
    }

    [Fact]
    public void Constructor_NegativeIntervalThrows()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LiveTrainingDisplay(TimeSpan.FromSeconds(-1)));

        Assert.Equal("minimumInterval", error.ParamName);
    }
}
