using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.Onnx.Proto;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Applications;

public class ResNet18Tests
{
    [Fact]
    public void ResNet18_FeatureShapes()
    {
        var avg = ResNet18.Create(includeTop: false, inputShape: [64, 64, 3], pooling: "avg");
        var max = ResNet18.Create(includeTop: false, inputShape: [64, 64, 3], pooling: "max");
        var map = ResNet18.Create(includeTop: false, inputShape: [96, 64, 3]);

        Assert.Equal(new Shape(null, 512), avg.OutputShape);
        Assert.Equal(new Shape(null, 512), max.OutputShape);
        Assert.Equal(new Shape(null, 3, 2, 512), map.OutputShape);
    }

    [Fact]
    public void ResNet18_TopHasClasses()
    {
        var model = ResNet18.Create(includeTop: true, inputShape: [32, 32, 3], classes: 10);

        Assert.Equal(new Shape(null, 10), model.OutputShape);
        Assert.Equal(10, ((Dense)model.GetLayer("predictions")).Units);
    }

    [Fact]
    public void ResNet18_StageLayout()
    {
        var model = ResNet18.Create(includeTop: false, inputShape: [64, 64, 3]);
        var blocks = model.Layers.OfType<ResNetBasicBlock>().ToList();

        Assert.Equal(
            ["conv2_block1", "conv2_block2", "conv3_block1", "conv3_block2", "conv4_block1", "conv4_block2", "conv5_block1", "conv5_block2", "conv5_block3"],
            blocks.Select(b => b.Name));
        Assert.Equal([false, false, true, false, true, false, true, false, false], blocks.Select(b => b.ProjectShortcut));
        Assert.Equal("conv3_block1_0_conv", blocks[2].Layers.OfType<Conv2D>().Last().Name);
    }

    [Fact]
    public void ResNet18_ParamsMatchFile()
    {
        // Every initializer of the weight file becomes exactly one variable of the model, so the counts agree.
        var file = PretrainedWeights.Resolve("resnet18", "imagenet");
        using var stream = File.OpenRead(file);
        var onnx = ModelProto.Parser.ParseFrom(stream);
        var fileCount = onnx.Graph.Initializer.Sum(t => t.Dims.Aggregate(1L, (a, b) => a * b));

        var model = ResNet18.Create(includeTop: false);

        Assert.Equal(fileCount, model.CountParams());
        Assert.Equal(onnx.Graph.Initializer.Count, model.Weights.Count);
    }

    [Fact]
    public void PreprocessInput_BgrMinusMean()
    {
        var output = ResNet18.PreprocessInput(new NDArray([10, 20, 30, 200, 100, 0], 1, 1, 2, 3));

        TensorAssert.Close([30 - 103.06f, 20 - 115.90f, 10 - 123.15f, 0 - 103.06f, 100 - 115.90f, 200 - 123.15f], output.Data, 1e-4);
    }

    [Fact]
    public void PreprocessingLayer_MatchesFunction()
    {
        var random = new Random(3);
        var pixels = Enumerable.Range(0, 2 * 4 * 5 * 3).Select(_ => (float)random.Next(256)).ToArray();
        var input = new NDArray(pixels, 2, 4, 5, 3);

        var output = LayerRunner.Run(ResNet18.CreatePreprocessing(), input);

        TensorAssert.Close(ResNet18.PreprocessInput(input).Data, output.Data, 1e-4);
    }

    [Fact]
    public void ResNet18_RejectsSmallInput()
    {
        var error = Assert.Throws<ArgumentException>(() => ResNet18.Create(includeTop: false, inputShape: [16, 224, 3]));

        Assert.Equal("inputShape", error.ParamName);
        Assert.Contains("at least 32", error.Message);
    }

    [Fact]
    public void ResNet18_RejectsBadPooling()
    {
        var error = Assert.Throws<ArgumentException>(() => ResNet18.Create(includeTop: false, pooling: "mean"));

        Assert.Equal("pooling", error.ParamName);
    }

    [Fact]
    public void ResNet18_SaveLoadRoundTrip()
    {
        using var folder = new TempDirectory();
        var path = folder.File("resnet18.keras");
        var model = new Sequential([
            new InputLayer([32, 32, 3]),
            ResNet18.CreatePreprocessing(),
            ResNet18.Create(includeTop: true, inputShape: [32, 32, 3], classes: 3),
        ]);
        var random = new Random(11);
        var input = new NDArray(Enumerable.Range(0, 2 * 32 * 32 * 3).Select(_ => (float)random.Next(256)).ToArray(), 2, 32, 32, 3);
        var expected = model.Predict(input);

        model.Save(path);
        var loaded = KerasClassifier.Keras.Saving.KerasModels.LoadModel(path);

        Assert.Equal(model.CountParams(), loaded.CountParams());
        TensorAssert.Close(expected.Data, loaded.Predict(input).Data, 1e-5);
    }

    [Fact]
    public void BasicBlock_FreezePropagates()
    {
        var model = ResNet18.Create(includeTop: false, inputShape: [32, 32, 3]);
        var block = (ResNetBasicBlock)model.GetLayer("conv3_block1");

        block.Trainable = false;

        Assert.Empty(block.TrainableWeights);
        Assert.All(block.Layers, layer => Assert.False(layer.Trainable));
        Assert.Equal(block.Weights.Count, block.NonTrainableWeights.Count);
        Assert.DoesNotContain(block.Weights[0], model.TrainableWeights);
    }

    [Fact]
    public void Unfrozen_block_keeps_frozen_normalization()
    {
        using var folder = new TempDirectory();
        var path = folder.File("fine-tuned.keras");
        var backbone = ResNet18.Create(includeTop: true, inputShape: [32, 32, 3], classes: 3);
        backbone.Trainable = false;
        FineTuning.Unfreeze(backbone);

        backbone.Save(path);
        var loaded = KerasClassifier.Keras.Saving.KerasModels.LoadModel(path);

        var block = (ResNetBasicBlock)loaded.GetLayer("conv3_block1");
        Assert.True(block.Trainable);
        Assert.All(block.Layers.OfType<BatchNormalization>(), layer => Assert.False(layer.Trainable));
        Assert.All(block.Layers.OfType<Conv2D>(), layer => Assert.True(layer.Trainable));
        Assert.Equal(backbone.TrainableWeights.Count, loaded.TrainableWeights.Count);
    }
}
