using System.Text.Json.Nodes;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Metrics;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Saving.SavedModel;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

public sealed class SavedModelLoaderTests
{
    [Fact]
    public void LoadModel_DenseWeightsAndPredictions()
    {
        var folder = SavedModelFolders.Path(SavedModelFolders.NumberGuesser);
        var contents = SavedModelReader.Read(folder);

        var model = SavedModelLoader.LoadModel(folder, ConfigModelFactory.BuildSequential, compile: false);

        foreach (var saved in contents.Layers.Where(l => l.Weights.Count > 0))
        {
            var layer = model.GetLayer(saved.Name);
            Assert.All(layer.Weights.Zip(saved.Weights), pair => Assert.Equal(pair.Second.ToFloat32Array(), pair.First.GetValue()));
        }

        var input = RandomImages(3, 28 * 28, seed: 1);
        var expected = DenseForward(input, contents, ["relu", "relu", "softmax"]);
        var predicted = model.Predict(new NDArray(input, 3, 28, 28));
        Assert.Equal(expected.Length, predicted.Data.Length);
        Assert.All(expected.Zip(predicted.Data), pair => Assert.Equal(pair.First, pair.Second, 4));
        Assert.False(model.Compiled);
    }

    [Fact]
    public void LoadModel_Tf21ActivationsPredictions()
    {
        var folder = SavedModelFolders.Path(SavedModelFolders.Digits);
        var contents = SavedModelReader.Read(folder);

        var model = SavedModelLoader.LoadModel(folder, ConfigModelFactory.BuildSequential);
        var input = RandomImages(2, 28 * 28, seed: 2);
        var expected = DenseForward(input, contents, ["tanh", "sigmoid", "softmax"]);
        var predicted = model.Predict(new NDArray(input, 2, 28, 28));

        Assert.All(expected.Zip(predicted.Data), pair => Assert.Equal(pair.First, pair.Second, 4));
    }

    [Fact]
    public void LoadModel_RestoresLegacyAdamState()
    {
        var folder = SavedModelFolders.Path(SavedModelFolders.NumberGuesser);
        var state = SavedModelReader.Read(folder).OptimizerState!;

        var model = SavedModelLoader.LoadModel(folder, ConfigModelFactory.BuildSequential);

        var optimizer = Assert.IsType<Adam>(model.Optimizer);
        Assert.Equal(state.Iterations, optimizer.Iterations);
        Assert.Equal(0.001, optimizer.LearningRate, 6);
        Assert.Equal(0.9, optimizer.Beta1, 6);
        Assert.Equal(["accuracy"], model.CompiledMetrics.Select(m => m.Name));
        var variables = optimizer.Variables;
        Assert.Equal(state.Iterations, variables[0].GetInt64Value()[0]);
        Assert.Equal(2 + state.Slots.Count, variables.Count);
        for (var i = 0; i < state.Slots.Count; i++)
        {
            Assert.Equal(state.Slots[i].SlotName, variables[2 + i].Name);
            Assert.Equal(state.Slots[i].Value.ToFloat32Array(), variables[2 + i].GetValue());
        }
    }

    [Fact]
    public void LoadModel_TrainingContinuesIterationCount()
    {
        var folder = SavedModelFolders.Path(SavedModelFolders.NumberGuesser);
        var model = SavedModelLoader.LoadModel(folder, ConfigModelFactory.BuildSequential);
        var before = model.Optimizer!.Iterations;

        model.Fit(new NDArray(RandomImages(8, 28 * 28, seed: 3), 8, 28, 28), [0, 1, 2, 3, 4, 5, 6, 7], batchSize: 4, epochs: 1, shuffle: false);

        Assert.Equal(before + 2, model.Optimizer.Iterations);
    }

    [Fact]
    public void LoadModel_ConvolutionalWeights()
    {
        var folder = SavedModelFolders.Path(SavedModelFolders.Mnist);
        var contents = SavedModelReader.Read(folder);

        var model = SavedModelLoader.LoadModel(folder, ConfigModelFactory.BuildSequential);

        var conv = model.GetLayer("conv2d_1");
        Assert.Equal([3, 3, 32, 64], conv.Weights[0].Shape);
        Assert.Equal(contents.Layers.Single(l => l.Name == "conv2d_1").Weights[0].ToFloat32Array(), conv.Weights[0].GetValue());
        var batchNorm = model.GetLayer("batch_normalization_2");
        Assert.Equal(contents.Layers.Single(l => l.Name == "batch_normalization_2").Weights[3].ToFloat32Array(), batchNorm.Weights[3].GetValue());
        Assert.Equal(contents.OptimizerState!.Iterations, model.Optimizer!.Iterations);
        var predicted = model.Predict(new NDArray(RandomImages(2, 28 * 28, seed: 4), 2, 28, 28, 1));
        Assert.Equal([2, 10], predicted.Shape);
        Assert.Equal(1f, predicted.Data.Take(10).Sum(), 4);
    }

    [Fact]
    public void LoadModel_RestoresModernAdamState()
    {
        var folder = SavedModelFolders.Path(SavedModelFolders.Heat);
        var contents = SavedModelReader.Read(folder);

        var model = SavedModelLoader.LoadModel(folder, ConfigModelFactory.BuildSequential);

        var optimizer = Assert.IsType<Adam>(model.Optimizer);
        Assert.IsType<MeanSquaredError>(model.Loss);
        Assert.Equal(contents.OptimizerState!.Iterations, optimizer.Iterations);
        Assert.Equal(contents.OptimizerState.Slots.Count, model.TrainableWeights.Sum(w => optimizer.SlotsOf(w).Count));
        foreach (var slot in contents.OptimizerState.Slots)
        {
            var weight = model.GetLayer(slot.LayerName).Weights.Single(w => w.Name == slot.WeightName);
            var target = optimizer.SlotsOf(weight).Single(s => s.Name == slot.SlotName);
            Assert.Equal(slot.Value.ToFloat32Array(), target.GetValue());
        }
    }

    [Fact]
    public void LoadModel_CompilesLossObjectAndMetric()
    {
        var folder = SavedModelFolders.Path(SavedModelFolders.Traffic);

        var model = SavedModelLoader.LoadModel(folder, ConfigModelFactory.BuildSequential);

        var loss = Assert.IsType<CategoricalCrossentropy>(model.Loss);
        Assert.True(loss.FromLogits);
        var metric = Assert.Single(model.CompiledMetrics);
        Assert.IsType<CategoricalAccuracy>(metric);
        Assert.Equal("accuracy", metric.Name);
        Assert.Equal(5000, model.Optimizer!.Iterations);
    }

    [Theory]
    [InlineData(SavedModelFolders.Subclassed, "LogisticModel")]
    [InlineData(SavedModelFolders.Heart, "DenseFeatures")]
    public void LoadModel_RejectsCodeDefinedModels(string name, string named)
    {
        var factoryCalled = false;

        var error = Assert.Throws<NotSupportedException>(() => SavedModelLoader.LoadModel(
            SavedModelFolders.Path(name),
            config =>
            {
                factoryCalled = true;
                return ConfigModelFactory.BuildSequential(config);
            }));

        Assert.Contains(named, error.Message);
        Assert.False(factoryCalled);
    }

    [Fact]
    public void LoadModel_FactoryLayerNameMismatch()
    {
        var folder = SavedModelFolders.Path(SavedModelFolders.Heat);

        var error = Assert.Throws<InvalidOperationException>(() => SavedModelLoader.LoadModel(
            folder,
            _ => new Sequential([new InputLayer([2]), new Dense(64, name: "first"), new Dense(64, name: "dense_1"), new Dense(121, name: "dense_2")]),
            compile: false));

        Assert.Contains("'dense'", error.Message);
        Assert.Contains("first", error.Message);
    }

    [Fact]
    public void LoadModel_FactoryShapeMismatch()
    {
        var folder = SavedModelFolders.Path(SavedModelFolders.Heat);

        var error = Assert.Throws<InvalidOperationException>(() => SavedModelLoader.LoadModel(
            folder,
            _ => new Sequential([new InputLayer([2]), new Dense(32, name: "dense"), new Dense(64, name: "dense_1"), new Dense(121, name: "dense_2")]),
            compile: false));

        Assert.Contains("dense/kernel", error.Message);
        Assert.Contains("(2, 32)", error.Message);
        Assert.Contains("(2, 64)", error.Message);
    }

    [Fact]
    public void LoadWeightsByLayerOrder_SubclassedModel()
    {
        var folder = SavedModelFolders.Path(SavedModelFolders.Subclassed);
        var model = new Sequential([new InputLayer([146]), new Dense(1, activation: "sigmoid", useBias: false)]);

        SavedModelLoader.LoadWeightsByLayerOrder(model, folder);

        var saved = SavedModelReader.Read(folder).Layers[0].Weights[0];
        Assert.Equal(saved.ToFloat32Array(), model.Layers[0].Weights[0].GetValue());
    }

    [Fact]
    public void LoadWeightsByLayerOrder_LayerCountMismatch()
    {
        var model = new Sequential([new InputLayer([28, 28]), new Flatten(), new Dense(128), new Dense(10)]);

        var error = Assert.Throws<ArgumentException>(() => SavedModelLoader.LoadWeightsByLayerOrder(model, SavedModelFolders.Path(SavedModelFolders.NumberGuesser)));

        Assert.Equal("model", error.ParamName);
        Assert.Contains("has 2 layers with weights", error.Message);
        Assert.Contains("has 3", error.Message);
    }

    [Fact]
    public void LoadWeightsByLayerOrder_ShapeMismatch()
    {
        var model = new Sequential([new InputLayer([28, 28]), new Flatten(), new Dense(128), new Dense(128), new Dense(5)]);
        var before = model.Layers[1].Weights[0].GetValue();

        var error = Assert.Throws<ArgumentException>(() => SavedModelLoader.LoadWeightsByLayerOrder(model, SavedModelFolders.Path(SavedModelFolders.NumberGuesser)));

        Assert.Contains("(128, 5)", error.Message);
        Assert.Contains("(128, 10)", error.Message);
        Assert.Equal(before, model.Layers[1].Weights[0].GetValue());
    }

    [Fact]
    public void LoadWeightsByLayerOrder_UnbuiltModel()
    {
        var model = new Sequential([new Dense(1)]);

        var error = Assert.Throws<InvalidOperationException>(() => SavedModelLoader.LoadWeightsByLayerOrder(model, SavedModelFolders.Path(SavedModelFolders.Subclassed)));

        Assert.Contains("not built", error.Message);
    }

    private static float[] RandomImages(int count, int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count * size).Select(_ => (float)random.NextDouble()).ToArray();
    }

    // A plain forward pass through the Dense layers with the saved weights, in double precision.
    private static float[] DenseForward(float[] input, SavedModelContents contents, string[] activations)
    {
        var dense = contents.Layers.Where(l => l.ClassName == "Dense").ToList();
        var inputSize = dense[0].Weights[0].Shape[0];
        var rows = input.Length / inputSize;
        var output = new List<float>();
        for (var r = 0; r < rows; r++)
        {
            var x = input.Skip(r * inputSize).Take(inputSize).Select(v => (double)v).ToArray();
            for (var d = 0; d < dense.Count; d++)
            {
                var kernel = dense[d].Weights[0].ToFloat32Array();
                var bias = dense[d].Weights[1].ToFloat32Array();
                var units = bias.Length;
                var y = new double[units];
                for (var j = 0; j < units; j++)
                {
                    y[j] = bias[j] + x.Select((v, i) => v * kernel[(i * units) + j]).Sum();
                }

                x = Activate(y, activations[d]);
            }

            output.AddRange(x.Select(v => (float)v));
        }

        return output.ToArray();
    }

    private static double[] Activate(double[] values, string activation)
    {
        switch (activation)
        {
            case "relu":
                return values.Select(v => Math.Max(0, v)).ToArray();
            case "tanh":
                return values.Select(Math.Tanh).ToArray();
            case "sigmoid":
                return values.Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
            default:
                var max = values.Max();
                var exps = values.Select(v => Math.Exp(v - max)).ToArray();
                var sum = exps.Sum();
                return exps.Select(e => e / sum).ToArray();
        }
    }
}
