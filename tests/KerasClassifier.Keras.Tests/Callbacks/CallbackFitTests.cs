using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Tests.Testing;
using KerasClassifier.Keras.Training;
using Microsoft.Extensions.Time.Testing;

namespace KerasClassifier.Keras.Tests.Callbacks;

/// <summary>Callbacks inside real <c>Fit</c> runs on a tiny model.</summary>
public class CallbackFitTests
{
    private static Sequential TinyModel(double learningRate = 0.05)
    {
        var model = new Sequential([new InputLayer([8, 8, 3]), new Flatten(), new Dense(2, activation: "softmax")]);
        model.Compile(new SGD(learningRate), new SparseCategoricalCrossentropy(), ["accuracy"]);
        return model;
    }

    [Fact]
    public void Early_stopping_reason_reaches_stop_event()
    {
        var (x, y) = ToyData.Separable(16, 1);
        var recorder = new RecordingCallback();

        // A monitor that can only get worse: the loss with mode max stops after patience epochs.
        var stopping = new EarlyStopping(monitor: "loss", mode: "max", patience: 2);
        TinyModel().Fit(x, y, batchSize: 8, epochs: 10, shuffle: false, callbacks: [stopping, recorder]);

        var stop = Assert.Single(recorder.Stops);
        Assert.Equal(StopReason.StoppedByCallback, stop.Reason);
        Assert.StartsWith("Early stopping after epoch 3: loss did not improve for 2 epoch(s) (patience 2)", stop.Message);
        Assert.Equal([0, 1, 2], recorder.EpochsEnded);
    }

    [Fact]
    public void Stop_request_mid_epoch_finishes_epoch()
    {
        var (x, y) = ToyData.Separable(16, 1);
        var validation = ToyData.Separable(4, 2);
        var recorder = new RecordingCallback();

        TinyModel().Fit(x, y, batchSize: 2, epochs: 3, validationData: validation, callbacks: [new StopAtBatch(2), recorder]);

        var training = recorder.Phases.Single(p => p.Phase == TrainingPhase.Training);
        Assert.Equal(3, training.StepsDone);
        Assert.Equal(8, training.StepsTotal);
        Assert.Single(recorder.Phases, p => p.Phase == TrainingPhase.Testing);
        Assert.Equal([0], recorder.EpochsEnded);
        Assert.Equal("stopped for the test", Assert.Single(recorder.Stops).Message);
    }

    [Fact]
    public void Scheduled_rates_appear_in_history()
    {
        var (x, y) = ToyData.Separable(8, 1);
        var scheduler = new LearningRateScheduler((epoch, _) => 0.1 / (epoch + 1));

        var history = TinyModel().Fit(x, y, batchSize: 8, epochs: 3, callbacks: [scheduler]);

        Assert.Equal([0.1, 0.05, 0.1 / 3], history.Values["learning_rate"], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Plateau_reduction_lowers_next_epoch_rate()
    {
        var (x, y) = ToyData.Separable(8, 1);
        var plateau = new ReduceLROnPlateau(monitor: "loss", mode: "max", factor: 0.5, patience: 1);

        var history = TinyModel(0.1).Fit(x, y, batchSize: 8, epochs: 4, callbacks: [plateau]);

        Assert.Equal([0.1, 0.1, 0.05, 0.025], history.Values["learning_rate"], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Csv_rows_match_history()
    {
        using var folder = new TempDirectory();
        var path = folder.File("history.csv");
        var (x, y) = ToyData.Separable(8, 1);

        var history = TinyModel().Fit(x, y, batchSize: 4, epochs: 2, validationData: ToyData.Separable(4, 2), callbacks: [new CSVLogger(path)]);

        var lines = File.ReadAllLines(path);
        Assert.Equal("epoch,accuracy,learning_rate,loss,val_accuracy,val_loss", lines[0]);
        Assert.Equal(3, lines.Length);
        var loss = double.Parse(lines[2].Split(',')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(history.Values["loss"][1], loss);
    }

    [Fact]
    public void Progress_events_cover_each_phase()
    {
        var clock = new FakeTimeProvider();
        var progress = new ProgressCallback(timeProvider: clock);
        var events = new List<ProgressEventArgs>();
        progress.Progress += (_, e) =>
        {
            events.Add(e);
            clock.Advance(TimeSpan.FromMilliseconds(100));
        };
        var (x, y) = ToyData.Separable(6, 1);

        TinyModel().Fit(x, y, batchSize: 2, epochs: 2, validationData: ToyData.Separable(2, 2), callbacks: [progress]);

        var first = events.Where(e => e.Epoch == 0 && e.Phase == TrainingPhase.Training).ToList();
        Assert.Equal([0L, 1L, 2L, 3L, 3L], first.Select(e => e.Step));
        Assert.All(first, e => Assert.Equal(3L, e.Steps));
        Assert.All(first, e => Assert.Equal(2, e.Epochs));
        Assert.True(first[^1].Completed);
        Assert.False(first[3].Completed);
        Assert.Equal(TimeSpan.FromMilliseconds(300), first[3].Elapsed);
        Assert.Equal(TimeSpan.FromMilliseconds(100), first[3].TimePerStep);
        Assert.Equal(TimeSpan.FromMilliseconds(0), first[3].Remaining);
        Assert.Equal(TimeSpan.FromMilliseconds(100), first[2].Remaining);
        Assert.Contains("loss", first[2].Metrics.Keys);
        Assert.StartsWith("Epoch 1/2 training 3/3 - 100ms/step - accuracy: ", first[3].Message);
        var testing = events.Where(e => e.Epoch == 1 && e.Phase == TrainingPhase.Testing).ToList();
        Assert.Equal([0L, 1L, 1L], testing.Select(e => e.Step));
        Assert.All(testing, e => Assert.Equal(1L, e.Steps));
    }

    [Fact]
    public void Progress_without_metrics_skips_batch_logs()
    {
        var progress = new ProgressCallback(includeMetrics: false);
        var events = new List<ProgressEventArgs>();
        progress.Progress += (_, e) => events.Add(e);
        var (x, y) = ToyData.Separable(4, 1);

        TinyModel().Fit(x, y, batchSize: 2, epochs: 1, callbacks: [progress]);

        Assert.False(progress.WantsBatchLogs);
        Assert.Empty(events[1].Metrics);
        Assert.NotEmpty(events[^1].Metrics);
    }

    [Fact]
    public void Epoch_line_callback_raises_formatted_lines()
    {
        var lines = new EpochLineCallback();
        var received = new List<string>();
        lines.Line += (_, e) => received.Add(e.Message);
        var (x, y) = ToyData.Separable(4, 1);

        TinyModel().Fit(x, y, batchSize: 2, epochs: 2, validationData: ToyData.Separable(2, 2), callbacks: [lines]);

        Assert.Equal(4, received.Count);
        Assert.Contains("Training Epoch: 1 ||", received[0]);
        Assert.Contains("Testing  Epoch: 2 ||", received[3]);
    }

    [Fact]
    public void Resume_epoch_skips_finished_passes()
    {
        var source = new ScriptedSource(ToyData.Separable(4, 1), 2);
        var recorder = new RecordingCallback();

        TinyModel().FitCore(source, null, 5, null, null, [new ResumeAt(3), recorder], 0, default);

        Assert.Equal([3, 4], recorder.EpochsEnded);
        Assert.Equal(5, source.PassesStarted);
        Assert.Contains("resumed at epoch 4, 2 epoch(s) completed in this run", Assert.Single(recorder.Stops).Message);
    }

    [Fact]
    public void Initial_epoch_names_epochs_run()
    {
        var recorder = new RecordingCallback();
        var (x, y) = ToyData.Separable(4, 1);

        TinyModel().Fit(x, y, batchSize: 2, epochs: 4, initialEpoch: 2, callbacks: [recorder]);

        Assert.Equal("Training finished: epochs 3 to 4 completed.", Assert.Single(recorder.Stops).Message);
        Assert.Equal([2, 3], recorder.EpochsEnded);
    }

    [Fact]
    public void Resume_with_steps_reads_skipped_batches()
    {
        var source = new ScriptedSource(ToyData.Separable(4, 1), 3, endless: true);
        var model = TinyModel();

        model.FitCore(source, null, 4, 2, null, [new ResumeAt(2)], 0, default);

        Assert.Equal(1, source.PassesStarted);
        Assert.Equal(8, source.BatchesYielded);
        Assert.Equal(4, model.EpochsCompleted);
    }

    private sealed class StopAtBatch(int batchIndex) : Callback
    {
        public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
        {
            if (batch == batchIndex)
            {
                Model!.StopTraining = true;
                Model.StopTrainingReason = "stopped for the test";
            }
        }
    }

    private sealed class ResumeAt(int epoch) : Callback
    {
        public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs) => Model!.ResumeFromEpoch = epoch;
    }
}
