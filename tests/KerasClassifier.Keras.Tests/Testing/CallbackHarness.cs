using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;

namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>Drives callbacks with made-up epoch logs on a tiny built model, without training.</summary>
internal sealed class CallbackHarness
{
    public CallbackHarness(Callback callback, double learningRate = 0.1, int epochs = 10)
    {
        Model = new Sequential([new InputLayer([2]), new Dense(2)]);
        Model.Compile(new SGD(learningRate), new SparseCategoricalCrossentropy(), ["accuracy"]);
        Model.EnsureBuilt(new Training.HostBatch(new float[2], [1, 2], [0]));
        Callbacks = new CallbackList([callback]);
        Callbacks.SetModel(Model);
        Callbacks.SetParams(new Dictionary<string, object?> { ["epochs"] = epochs, ["steps"] = 4L });
    }

    public Sequential Model { get; }

    public CallbackList Callbacks { get; }

    /// <summary>Starts a run: OnTrainBegin for every callback, then the completion hook.</summary>
    public void Begin()
    {
        Model.StopTraining = false;
        Model.StopTrainingReason = null;
        Callbacks.OnTrainBegin(new Dictionary<string, double>());
        Callbacks.OnTrainBeginCompleted();
    }

    /// <summary>Runs epoch <paramref name="epoch"/> with logs built from key/value pairs.</summary>
    public void Epoch(int epoch, params (string Key, double Value)[] logs)
    {
        var dictionary = logs.ToDictionary(p => p.Key, p => p.Value);
        Callbacks.OnEpochBegin(epoch, new Dictionary<string, double>());
        Callbacks.OnEpochEnd(epoch, dictionary);
    }

    /// <summary>Runs one epoch per value with <paramref name="key"/> set to it, stopping when a callback asks to; returns the epochs run.</summary>
    public int RunUntilStopped(string key, params double[] values)
    {
        for (var epoch = 0; epoch < values.Length; epoch++)
        {
            Epoch(epoch, (key, values[epoch]));
            if (Model.StopTraining)
            {
                return epoch + 1;
            }
        }

        return values.Length;
    }

    /// <summary>Sets every weight of the model to <paramref name="value"/>.</summary>
    public void FillWeights(float value)
    {
        foreach (var variable in Model.Weights)
        {
            variable.SetValue(Enumerable.Repeat(value, (int)variable.Count).ToArray());
        }
    }

    public float FirstWeight() => Model.Weights[0].GetValue()[0];

    public void End() => Callbacks.OnTrainEnd(new Dictionary<string, double>());
}
