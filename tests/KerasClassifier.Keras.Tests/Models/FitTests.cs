using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Tests.Testing;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Tests.Models;

public class FitTests
{
    private static Sequential SmallModel()
    {
        var model = new Sequential([
            new InputLayer([8, 8, 3]),
            new Conv2D(8, 3, padding: "same"),
            new BatchNormalization(),
            new ReLU(),
            new GlobalAveragePooling2D(),
            new Dense(2, activation: "softmax"),
        ]);
        model.Compile(new Adam(0.01), new SparseCategoricalCrossentropy(), ["accuracy"]);
        return model;
    }

    [Fact]
    public void Separable_toy_problem_reaches_full_accuracy()
    {
        KerasBackend.SetRandomSeed(3);
        var (x, y) = ToyData.Separable(128, seed: 1);
        var model = SmallModel();

        var history = model.Fit(x, y, batchSize: 16, epochs: 15, seed: 1);
        var predicted = model.Predict(x).ArgMax();

        Assert.Equal(1.0, history.Values["accuracy"][^1]);
        Assert.Equal(y, predicted);
        Assert.True(history.Values["loss"][^1] < history.Values["loss"][0]);
    }

    [Fact]
    public void Fit_before_compile_explains()
    {
        var model = new Sequential([new InputLayer([2]), new Dense(2)]);

        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(new NDArray([1, 2], 1, 2), [0]));

        Assert.Contains("Compile", error.Message);
    }

    [Fact]
    public void Endless_data_without_steps_rejected_before_training()
    {
        var source = new ScriptedSource(ToyData.Separable(4, 1), 2, endless: true);
        var model = SmallModel();

        var error = Assert.Throws<ArgumentException>(() => model.FitCore(source, null, 1, null, null, null, 0, default));

        Assert.Equal("stepsPerEpoch", error.ParamName);
        Assert.Contains("repeats forever", error.Message);
        Assert.Equal(0, source.PassesStarted);
    }

    [Fact]
    public void Endless_validation_without_steps_rejected()
    {
        var train = new ScriptedSource(ToyData.Separable(4, 1), 2);
        var validation = new ScriptedSource(ToyData.Separable(4, 2), 2, endless: true);

        var error = Assert.Throws<ArgumentException>(() => SmallModel().FitCore(train, validation, 1, null, null, null, 0, default));

        Assert.Equal("validationSteps", error.ParamName);
    }

    [Fact]
    public void Short_data_ends_epoch_with_warning()
    {
        var source = new ScriptedSource(ToyData.Separable(4, 1), 3);
        var recorder = new RecordingCallback();

        SmallModel().FitCore(source, null, 2, 5, null, [recorder], 0, default);

        Assert.Equal(2, recorder.Warnings.Count);
        Assert.Contains("ran out of data after 3 of 5 steps in epoch 1", recorder.Warnings[0]);
        Assert.Contains("Repeat()", recorder.Warnings[0]);
        Assert.All(recorder.Phases, p => Assert.Equal(3, p.StepsDone));
        Assert.All(recorder.Phases, p => Assert.Equal(5, p.StepsTotal));
    }

    [Fact]
    public void Repeated_data_continues_across_epochs()
    {
        var source = new ScriptedSource(ToyData.Separable(4, 1), 2, endless: true);
        var recorder = new RecordingCallback();

        SmallModel().FitCore(source, null, 3, 4, null, [recorder], 0, default);

        Assert.Equal(1, source.PassesStarted);
        Assert.Equal(12, source.BatchesYielded);
        Assert.Empty(recorder.Warnings);
    }

    [Fact]
    public void Repeated_data_pass_closed_after_fit()
    {
        var train = new ScriptedSource(ToyData.Separable(4, 1), 2, endless: true);
        var validation = new ScriptedSource(ToyData.Separable(4, 2), 2, endless: true);

        SmallModel().FitCore(train, validation, 2, 3, 1, null, 0, default);

        // An open pass of a prefetching dataset keeps its producer thread blocked on a full buffer.
        Assert.Equal(1, train.PassesStarted);
        Assert.Equal(1, train.PassesClosed);
        Assert.Equal(2, validation.PassesStarted);
        Assert.Equal(2, validation.PassesClosed);
    }

    [Fact]
    public void Predict_with_steps_closes_pass()
    {
        var source = new ScriptedSource(ToyData.Separable(4, 1), 2, endless: true);
        var model = SmallModel();

        var predictions = model.PredictCore(source, 3, null);

        Assert.Equal(3, predictions.Length);
        Assert.Equal(1, source.PassesClosed);
    }

    [Fact]
    public void Validation_restarts_each_epoch_without_repeating()
    {
        var train = new ScriptedSource(ToyData.Separable(4, 1), 2);
        var validation = new ScriptedSource(ToyData.Separable(4, 2), 3);
        var recorder = new RecordingCallback();

        SmallModel().FitCore(train, validation, 2, null, null, [recorder], 0, default);

        Assert.Equal(2, validation.PassesStarted);
        Assert.Equal(6, validation.BatchesYielded);
        var testing = recorder.Phases.Where(p => p.Phase == TrainingPhase.Testing).ToList();
        Assert.Equal(2, testing.Count);
        Assert.All(testing, p => Assert.Equal(3, p.StepsDone));
    }

    [Fact]
    public void Nan_loss_stops_with_reason()
    {
        var (x, y) = ToyData.Separable(8, 1);
        x.Data[0] = float.NaN;
        var recorder = new RecordingCallback();

        SmallModel().Fit(x, y, batchSize: 8, epochs: 3, shuffle: false, callbacks: [recorder]);

        var stop = Assert.Single(recorder.Stops);
        Assert.Equal(StopReason.NonFiniteLoss, stop.Reason);
        Assert.Contains("epoch 1, step 1", stop.Message);
        Assert.Empty(recorder.EpochsEnded);
    }

    [Fact]
    public void Cancellation_finishes_step_then_stops()
    {
        using var cancellation = new CancellationTokenSource();
        var source = new ScriptedSource(ToyData.Separable(4, 1), 4);
        var recorder = new RecordingCallback();
        var canceller = new CancelAfterFirstBatch(cancellation);

        SmallModel().FitCore(source, null, 2, null, null, [recorder, canceller], 0, cancellation.Token);

        Assert.Equal(StopReason.Cancelled, Assert.Single(recorder.Stops).Reason);
        Assert.Equal(1, source.BatchesYielded);
        Assert.Empty(recorder.EpochsEnded);
    }

    [Fact]
    public void Initial_epoch_numbers_epochs_on()
    {
        var (x, y) = ToyData.Separable(8, 1);
        var recorder = new RecordingCallback();
        var model = SmallModel();

        model.Fit(x, y, batchSize: 4, epochs: 5, initialEpoch: 3, callbacks: [recorder]);

        Assert.Equal([3, 4], recorder.EpochsEnded);
        Assert.Equal(5, model.EpochsCompleted);
        Assert.Equal(StopReason.EpochsCompleted, Assert.Single(recorder.Stops).Reason);
    }

    private sealed class CancelAfterFirstBatch(CancellationTokenSource source) : Callback
    {
        public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => source.Cancel();
    }
}
