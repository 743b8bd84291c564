using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Models;

public class FineTuningTests
{
    /// <summary>A nested backbone (Conv2D + BatchNormalization) under a new Dense head, as in transfer learning.</summary>
    private static (Sequential Model, Sequential Backbone) BackboneAndHead()
    {
        var backbone = new Sequential([
            new InputLayer([8, 8, 3]),
            new Conv2D(4, 3, padding: "same", name: "backbone_conv"),
            new BatchNormalization(name: "backbone_bn"),
            new ReLU(),
        ]);
        var model = new Sequential([
            new InputLayer([8, 8, 3]),
            backbone,
            new GlobalAveragePooling2D(),
            new Dense(2, activation: "softmax", name: "head"),
        ]);
        return (model, backbone);
    }

    private static Dictionary<string, float[]> Snapshot(Layer layer) =>
        layer.Weights.ToDictionary(w => w.Path, w => w.GetValue());

    [Fact]
    public void FrozenBackbone_StaysUnchanged()
    {
        var (x, y) = ToyData.Separable(32, seed: 2);
        var (model, backbone) = BackboneAndHead();
        backbone.Trainable = false;
        var before = Snapshot(backbone);
        var headBefore = Snapshot(model.GetLayer("head"));

        model.Compile(new Adam(0.05), new SparseCategoricalCrossentropy(), ["accuracy"]);
        model.Fit(x, y, batchSize: 8, epochs: 2, seed: 1);

        // Kernel and gamma/beta get no gradient step, and the moving statistics are not updated,
        // which shows batch normalization ran in inference mode.
        foreach (var (path, values) in Snapshot(backbone))
        {
            Assert.Equal(before[path], values);
        }

        Assert.NotEqual(headBefore["head/kernel"], model.GetLayer("head").Weights[0].GetValue());
        Assert.All(FineTuning.Descendants(backbone), layer => Assert.False(layer.Trainable));
    }

    [Fact]
    public void FrozenBackbone_InferenceModeOutput()
    {
        var (x, _) = ToyData.Separable(4, seed: 5);
        var (_, backbone) = BackboneAndHead();
        var bn = (BatchNormalization)backbone.GetLayer("backbone_bn");
        bn.Weights.Single(w => w.Name == "moving_mean").SetValue([50, 50, 50, 50]);
        backbone.Trainable = false;

        // Inference mode subtracts the moving mean of 50 from the convolution outputs, so the ReLU zeroes everything;
        // batch statistics would centre the outputs and leave about half of them positive.
        var features = backbone.Predict(x);

        Assert.All(features.Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Unfreeze_KeepsBatchNormFrozen()
    {
        var (x, y) = ToyData.Separable(32, seed: 2);
        var (model, backbone) = BackboneAndHead();
        backbone.Trainable = false;

        FineTuning.Unfreeze(backbone);
        var before = Snapshot(backbone);
        model.Compile(new Adam(0.05), new SparseCategoricalCrossentropy(), ["accuracy"]);
        model.Fit(x, y, batchSize: 8, epochs: 1, seed: 1);
        var after = Snapshot(backbone);

        Assert.True(backbone.Trainable);
        Assert.False(backbone.GetLayer("backbone_bn").Trainable);
        Assert.NotEqual(before["backbone_conv/kernel"], after["backbone_conv/kernel"]);
        Assert.Equal(before["backbone_bn/gamma"], after["backbone_bn/gamma"]);
        Assert.Equal(before["backbone_bn/moving_mean"], after["backbone_bn/moving_mean"]);
    }

    [Fact]
    public void Unfreeze_AllWhenAsked()
    {
        var (_, backbone) = BackboneAndHead();
        backbone.Trainable = false;

        FineTuning.Unfreeze(backbone, keepBatchNormalizationFrozen: false);

        Assert.All(FineTuning.Descendants(backbone), layer => Assert.True(layer.Trainable));
        Assert.Equal(backbone.Weights.Count(w => w.Trainable), backbone.TrainableWeights.Count);
    }

    [Fact]
    public void LearningRateMultiplier_ScalesStep()
    {
        var (x, y) = ToyData.Separable(8, seed: 4);
        var deltas = new List<(float[] Backbone, float[] Head)>();
        foreach (var multiplier in new[] { 1.0, 0.25 })
        {
            var (model, backbone) = BackboneAndHead();
            ((BatchNormalization)backbone.GetLayer("backbone_bn")).Trainable = false;
            SetDeterministicWeights(model);
            var optimizer = new SGD(0.1);
            model.Compile(optimizer, new SparseCategoricalCrossentropy());
            optimizer.SetLearningRateMultiplier(backbone, multiplier);

            var kernelBefore = backbone.GetLayer("backbone_conv").Weights[0].GetValue();
            var headBefore = model.GetLayer("head").Weights[0].GetValue();
            model.Fit(x, y, batchSize: 8, epochs: 1, shuffle: false);

            var kernelDelta = Subtract(backbone.GetLayer("backbone_conv").Weights[0].GetValue(), kernelBefore);
            var headDelta = Subtract(model.GetLayer("head").Weights[0].GetValue(), headBefore);
            deltas.Add((kernelDelta, headDelta));
        }

        // One plain SGD step: the backbone moves a quarter as far, the head exactly as far.
        Assert.True(deltas[0].Backbone.Max(Math.Abs) > 1e-6, "the backbone kernel should move in one step");
        TensorAssert.Close(deltas[0].Backbone.Select(d => d * 0.25f).ToArray(), deltas[1].Backbone, 1e-6);
        TensorAssert.Close(deltas[0].Head, deltas[1].Head, 1e-7);
    }

    [Fact]
    public void LearningRateMultiplier_RejectsZero()
    {
        var (_, backbone) = BackboneAndHead();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SGD().SetLearningRateMultiplier(backbone, 0));

        Assert.Equal("multiplier", error.ParamName);
    }

    private static void SetDeterministicWeights(Model model)
    {
        foreach (var variable in model.Weights.Where(w => w.Trainable))
        {
            variable.SetValue(Enumerable.Range(0, (int)variable.Count).Select(i => (float)Math.Sin(i + 1) * 0.3f).ToArray());
        }
    }

    private static float[] Subtract(float[] a, float[] b) => a.Zip(b, (p, q) => p - q).ToArray();
}
