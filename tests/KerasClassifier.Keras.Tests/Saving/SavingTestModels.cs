using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;

namespace KerasClassifier.Keras.Tests.Saving;

/// <summary>Small models, data and comparisons for the saving tests.</summary>
internal static class SavingTestModels
{
    /// <summary>A CNN that uses every weighted layer kind: Conv2D, BatchNormalization, Dense; plus ReLU, pooling, Flatten and optionally Dropout.</summary>
    public static Sequential SmallCnn(bool dropout = true)
    {
        var model = new Sequential();
        model.Add(new InputLayer([8, 8, 2]));
        model.Add(new Rescaling(0.5, offset: -0.25));
        model.Add(new Conv2D(4, 3, padding: "same"));
        model.Add(new BatchNormalization());
        model.Add(new ReLU());
        model.Add(new MaxPooling2D(2));
        model.Add(new Conv2D(6, 3, activation: "relu"));
        model.Add(new Flatten());
        if (dropout)
        {
            model.Add(new Dropout(0.25));
        }

        model.Add(new Dense(3, activation: "softmax"));
        return model;
    }

    /// <summary>A small MLP with a global-pooling head instead of Flatten.</summary>
    public static Sequential SmallPoolingNet()
    {
        var model = new Sequential();
        model.Add(new InputLayer([6, 6, 3]));
        model.Add(new Conv2D(5, 3, padding: "same", useBias: false));
        model.Add(new BatchNormalization());
        model.Add(new Activation("relu"));
        model.Add(new GlobalAveragePooling2D());
        model.Add(new Dense(4));
        model.Add(new Activation("softmax"));
        return model;
    }

    /// <summary>Deterministic inputs and labels for a model input shape.</summary>
    public static (NDArray X, int[] Y) Data(int[] exampleShape, int count, int classes, int seed = 1)
    {
        var random = new Random(seed);
        var per = exampleShape.Aggregate(1, (a, b) => a * b);
        var values = new float[count * per];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        var labels = Enumerable.Range(0, count).Select(_ => random.Next(classes)).ToArray();
        return (new NDArray(values, [count, .. exampleShape]), labels);
    }

    /// <summary>Compiles with Adam (or the given optimizer), sparse cross-entropy and accuracy.</summary>
    public static T Compiled<T>(T model, Optimizer? optimizer = null)
        where T : Model
    {
        model.Compile(optimizer ?? new Adam(0.01), new SparseCategoricalCrossentropy(), ["accuracy"]);
        return model;
    }

    /// <summary>Returns every variable's value, in model order.</summary>
    public static List<float[]> WeightValues(Model model) => model.Weights.Select(w => w.GetValue()).ToList();

    /// <summary>Returns the optimizer's variables as float arrays, step count included.</summary>
    public static List<float[]> OptimizerValues(Model model) =>
        model.Optimizer!.Variables.Select(v => v.DType == "int64" ? v.GetInt64Value().Select(x => (float)x).ToArray() : v.GetValue()).ToList();
}

/// <summary>Re-seeds the random generator at the start of each epoch, so that dropout masks depend only on the epoch index.</summary>
internal sealed class ReseedEachEpoch(long seed) : Callback
{
    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs) => KerasClassifier.Keras.Backend.KerasBackend.SetRandomSeed(seed + epoch);
}
