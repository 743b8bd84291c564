using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Tests.Testing;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Tests.Callbacks;

public class TerminateOnNaNTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_batch_loss_stops(double loss)
    {
        var harness = new CallbackHarness(new TerminateOnNaN());
        harness.Begin();
        harness.Callbacks.OnEpochBegin(1, new Dictionary<string, double>());

        harness.Callbacks.OnTrainBatchEnd(4, new Dictionary<string, double> { ["loss"] = loss });

        Assert.True(harness.Model.StopTraining);
        Assert.Contains("epoch 2, step 5", harness.Model.StopTrainingReason);
    }

    [Fact]
    public void Finite_batch_loss_continues()
    {
        var harness = new CallbackHarness(new TerminateOnNaN());
        harness.Begin();

        harness.Callbacks.OnTrainBatchEnd(0, new Dictionary<string, double> { ["loss"] = 1e30 });

        Assert.False(harness.Model.StopTraining);
        Assert.True(new TerminateOnNaN().WantsBatchLogs);
    }

    [Fact]
    public void Nan_in_fit_stops_in_first_step()
    {
        var (x, y) = ToyData.Separable(8, 1);
        x.Data[5] = float.NaN;
        var recorder = new RecordingCallback();
        var model = new Sequential([new InputLayer([8, 8, 3]), new Flatten(), new Dense(2, activation: "softmax")]);
        model.Compile(new SGD(0.1), new SparseCategoricalCrossentropy(), ["accuracy"]);

        var history = model.Fit(x, y, batchSize: 4, epochs: 3, shuffle: false, callbacks: [new TerminateOnNaN(), recorder]);

        var stop = Assert.Single(recorder.Stops);
        Assert.Equal(StopReason.NonFiniteLoss, stop.Reason);
        Assert.Contains("epoch 1, step 1", stop.Message);
        Assert.Empty(history.Epochs);
    }
}
