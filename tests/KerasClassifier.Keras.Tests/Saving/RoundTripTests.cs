using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Initializers;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving;

public class RoundTripTests
{
    [Theory]
    [InlineData("model.keras", KerasFileFormat.KerasArchive)]
    [InlineData("model.h5", KerasFileFormat.LegacyHdf5Model)]
    public void SaveThenLoadModel_RestoresEverything(string fileName, KerasFileFormat format)
    {
        using var folder = new TempDirectory();
        KerasBackend.SetRandomSeed(3);
        var model = SavingTestModels.Compiled(SavingTestModels.SmallCnn());
        var (x, y) = SavingTestModels.Data([8, 8, 2], 24, 3);
        model.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false);
        var path = folder.File(fileName);

        model.Save(path);
        var result = KerasModels.Load(path);
        var loaded = result.Model;

        Assert.Equal(format, result.Format);
        Assert.Empty(result.Warnings);
        Assert.True(result.Compiled);
        Assert.True(result.OptimizerStateRestored);
        Assert.Equal(model.Predict(x).Data, loaded.Predict(x).Data);
        Assert.Equal(SavingTestModels.WeightValues(model), SavingTestModels.WeightValues(loaded));
        Assert.Equal(model.Optimizer!.Iterations, loaded.Optimizer!.Iterations);
        Assert.Equal(6, loaded.Optimizer.Iterations);
        Assert.Equal(SavingTestModels.OptimizerValues(model), SavingTestModels.OptimizerValues(loaded));
        Assert.Equal(model.Optimizer.LearningRate, loaded.Optimizer.LearningRate);
        Assert.Equal(2, loaded.EpochsCompleted);
        Assert.Equal(model.Layers.Select(l => (l.Name, l.ClassName)), loaded.Layers.Select(l => (l.Name, l.ClassName)));
        Assert.Equal(model.Name, loaded.Name);
        Assert.Equal(model.CompiledMetrics.Select(m => m.Name), loaded.CompiledMetrics.Select(m => m.Name));
    }

    [Theory]
    [InlineData("weights.weights.h5", KerasFileFormat.KerasWeights, true)]
    [InlineData("weights.h5", KerasFileFormat.LegacyHdf5Weights, false)]
    [InlineData("model.keras", KerasFileFormat.KerasArchive, true)]
    [InlineData("model.h5", KerasFileFormat.LegacyHdf5Model, false)]
    public void SaveThenLoadWeights_RestoresVariables(string fileName, KerasFileFormat format, bool withOptimizer)
    {
        using var folder = new TempDirectory();
        var model = SavingTestModels.Compiled(SavingTestModels.SmallPoolingNet());
        var (x, y) = SavingTestModels.Data([6, 6, 3], 16, 4);
        model.Fit(x, y, batchSize: 4, epochs: 1, shuffle: false);
        var path = folder.File(fileName);
        if (fileName.EndsWith(".keras", StringComparison.Ordinal) || fileName == "model.h5")
        {
            model.Save(path);
        }
        else
        {
            model.SaveWeights(path);
        }

        var target = SavingTestModels.Compiled(SavingTestModels.SmallPoolingNet());
        var result = target.LoadWeights(path);

        Assert.Equal(format, result.Format);
        Assert.Empty(result.Warnings);
        Assert.Equal(withOptimizer, result.OptimizerStateRestored);
        Assert.Equal(model.Predict(x).Data, target.Predict(x).Data);
        Assert.Equal(SavingTestModels.WeightValues(model), SavingTestModels.WeightValues(target));
        Assert.Equal(1, target.EpochsCompleted);
        if (withOptimizer)
        {
            Assert.Equal(4, target.Optimizer!.Iterations);
            Assert.Equal(SavingTestModels.OptimizerValues(model), SavingTestModels.OptimizerValues(target));
        }
        else
        {
            Assert.Equal(0, target.Optimizer!.Iterations);
        }
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("amsgrad")]
    public void OptimizerSlots_RoundTripInKerasOrder(string kind)
    {
        using var folder = new TempDirectory();
        Optimizer Create() => kind == "sgd" ? new SGD(0.05, momentum: 0.9) : new Adam(0.01, amsgrad: true);
        var model = SavingTestModels.Compiled(SavingTestModels.SmallPoolingNet(), Create());
        var (x, y) = SavingTestModels.Data([6, 6, 3], 12, 4);
        model.Fit(x, y, batchSize: 4, epochs: 1, shuffle: false);
        var path = folder.File("model.keras");

        model.Save(path);
        var result = KerasModels.Load(path);

        Assert.True(result.OptimizerStateRestored);
        Assert.Equal(model.Optimizer!.GetType(), result.Model.Optimizer!.GetType());
        Assert.Equal(SavingTestModels.OptimizerValues(model), SavingTestModels.OptimizerValues(result.Model));
    }

    [Fact]
    public void AmsgradVariables_FollowKerasOrder()
    {
        var model = SavingTestModels.Compiled(SavingTestModels.SmallPoolingNet(), new Adam(amsgrad: true));
        model.Optimizer!.Build(model.TrainableWeights);

        var names = model.Optimizer.Variables.Select(v => v.Name).ToArray();
        var trainable = model.TrainableWeights.Count;

        Assert.Equal(["iteration", "learning_rate"], names[..2]);
        Assert.Equal(Enumerable.Repeat(new[] { "momentum", "velocity" }, trainable).SelectMany(p => p), names[2..(2 + (2 * trainable))]);
        Assert.All(names[(2 + (2 * trainable))..], name => Assert.Equal("velocity_hat", name));
    }

    [Fact]
    public void UncompiledModel_SavesWithoutOptimizer()
    {
        using var folder = new TempDirectory();
        var model = SavingTestModels.SmallCnn();
        var path = folder.File("model.keras");

        model.Save(path);
        var result = KerasModels.Load(path);

        Assert.False(result.Compiled);
        Assert.False(result.OptimizerStateRestored);
        Assert.Empty(result.Warnings);
        Assert.Equal(SavingTestModels.WeightValues(model), SavingTestModels.WeightValues(result.Model));
    }

    [Fact]
    public void CompiledUntrainedModel_LoadsWithFreshOptimizer()
    {
        using var folder = new TempDirectory();
        var model = SavingTestModels.Compiled(SavingTestModels.SmallCnn(), new SGD(0.1, momentum: 0.5));
        var path = folder.File("model.h5");

        model.Save(path);
        var result = KerasModels.Load(path);

        Assert.True(result.Compiled);
        Assert.False(result.OptimizerStateRestored);
        Assert.Empty(result.Warnings);
        var sgd = Assert.IsType<SGD>(result.Model.Optimizer);
        Assert.Equal(0.1, sgd.LearningRate);
        Assert.Equal(0.5, sgd.Momentum);
    }

    [Fact]
    public void UnzippedArchiveFolder_Loads()
    {
        using var folder = new TempDirectory();
        var model = SavingTestModels.Compiled(SavingTestModels.SmallPoolingNet());
        var archive = folder.File("model.keras");
        model.Save(archive);
        var unzipped = folder.File("unzipped");
        System.IO.Compression.ZipFile.ExtractToDirectory(archive, unzipped);

        var result = KerasModels.Load(unzipped);

        Assert.Equal(KerasFileFormat.KerasDirectory, result.Format);
        Assert.Equal(SavingTestModels.WeightValues(model), SavingTestModels.WeightValues(result.Model));
    }

    [Fact]
    public void NestedSequential_RoundTrips()
    {
        using var folder = new TempDirectory();
        var inner = new Sequential([new Dense(5, activation: "relu"), new BatchNormalization()], name: "inner");
        var model = new Sequential([new InputLayer([4]), inner, new Dense(2, activation: "softmax")]);
        var (x, _) = SavingTestModels.Data([4], 5, 2);

        foreach (var name in new[] { "nested.keras", "nested.h5" })
        {
            model.Save(folder.File(name));
            var loaded = KerasModels.LoadModel(folder.File(name));

            Assert.IsType<Sequential>(loaded.Layers[0]);
            Assert.Equal(model.Predict(x).Data, loaded.Predict(x).Data);
        }
    }

    [Theory]
    [InlineData("functional.keras")]
    [InlineData("functional.h5")]
    [InlineData("functional.weights.h5")]
    public void FunctionalModel_RoundTrips(string fileName)
    {
        using var folder = new TempDirectory();
        var model = SavingTestModels.Compiled(TwoBranchModel());
        var (x, y) = SavingTestModels.Data([6, 6, 3], 12, 3);
        model.Fit(x, y, batchSize: 4, epochs: 1, shuffle: false);
        var path = folder.File(fileName);

        Model loaded;
        if (fileName.EndsWith(".weights.h5", StringComparison.Ordinal))
        {
            model.SaveWeights(path);
            loaded = SavingTestModels.Compiled(TwoBranchModel());
            Assert.True(loaded.LoadWeights(path).OptimizerStateRestored);
        }
        else
        {
            model.Save(path);
            loaded = KerasModels.LoadModel(path);
            Assert.IsType<Functional>(loaded);
        }

        Assert.Equal(model.Predict(x).Data, loaded.Predict(x).Data);
        Assert.Equal(SavingTestModels.OptimizerValues(model), SavingTestModels.OptimizerValues(loaded));
    }

    [Theory]
    [InlineData("subclassed.weights.h5")]
    [InlineData("subclassed.h5")]
    public void SubclassedModelWeights_RoundTrip(string fileName)
    {
        using var folder = new TempDirectory();
        var model = new ScaledMlp();
        var (x, _) = SavingTestModels.Data([4], 5, 2);
        model.Build(Shape.WithBatch(4));
        model.Weights[0].SetValue([2f, 3f, 4f, 5f]);
        var path = folder.File(fileName);

        model.SaveWeights(path);
        var loaded = new ScaledMlp();
        loaded.Build(Shape.WithBatch(4));
        loaded.LoadWeights(path);

        Assert.Equal([2f, 3f, 4f, 5f], loaded.Weights[0].GetValue());
        Assert.Equal(model.Predict(x).Data, loaded.Predict(x).Data);
    }

    [Fact]
    public void SubclassedModelSave_NamesRegistry()
    {
        using var folder = new TempDirectory();
        var model = new ScaledMlp();
        model.Build(Shape.WithBatch(4));

        var error = Assert.Throws<NotSupportedException>(() => model.Save(folder.File("subclassed.keras")));

        Assert.Equal(
            $"Layer '{model.Name}' has type {typeof(ScaledMlp).FullName}, which is not registered with LayerRegistry, so a saved model could not be loaded again; "
            + "call LayerRegistry.Register for it, or save only the weights with SaveWeights.",
            error.Message);
    }

    private static Functional TwoBranchModel()
    {
        var inputs = Keras.Input([6, 6, 3]);
        var left = new Conv2D(4, 3, padding: "same", activation: "relu").Apply(inputs);
        var right = new Conv2D(4, 1).Apply(inputs);
        var merged = new Add().Apply([left, right]);
        var normalized = new BatchNormalization().Apply(merged);
        var pooled = new GlobalAveragePooling2D().Apply(normalized);
        var outputs = new Dense(3, activation: "softmax").Apply(pooled);
        return new Functional(inputs, outputs);
    }

    /// <summary>A subclassed model with a variable of its own besides its layers.</summary>
    private sealed class ScaledMlp : Model
    {
        private readonly Dense hidden = new(3, activation: "relu");
        private readonly Dense head = new(2, activation: "softmax");
        private KerasVariable? scale;

        protected override void BuildCore(Shape inputShape)
        {
            scale = AddWeight("scale", [inputShape[-1]!.Value], Initializer.Get("ones"));
            base.BuildCore(inputShape);
        }

        protected override TorchSharp.torch.Tensor CallCore(TorchSharp.torch.Tensor inputs, bool training) =>
            head.Apply(hidden.Apply(inputs * VariableTensor(scale!), training), training);
    }
}
