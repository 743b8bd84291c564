using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Applications;

public class ApplicationTests
{
    [Fact]
    public void MobileNetV2_ParameterCountMatchesKeras()
    {
        var model = MobileNetV2.Create();

        var summary = model.Summary();

        Assert.Equal(3_538_984, model.CountParams());
        Assert.Contains("Total params: 3,538,984", summary);
        Assert.Contains("Trainable params: 3,504,872", summary);
        Assert.Contains("Non-trainable params: 34,112", summary);
        Assert.Equal("mobilenetv2_1.00_224", model.Name);
    }

    [Fact]
    public void MobileNetV2_UsesKerasLayerNames()
    {
        var model = MobileNetV2.Create();
        var names = model.Layers.Select(l => l.Name).ToArray();

        Assert.Equal(156, names.Length);
        Assert.Equal(["input_layer", "Conv1", "bn_Conv1", "Conv1_relu", "expanded_conv_depthwise"], names[..5]);
        Assert.Contains("block_1_pad", names);
        Assert.Contains("block_16_project_BN", names);
        Assert.Equal(["Conv_1", "Conv_1_bn", "out_relu", "global_average_pooling2d", "predictions"], names[^5..]);
        Assert.Equal(new Margin2D(0, 1, 0, 1), ((ZeroPadding2D)model.GetLayer("block_1_pad")).Padding);
        Assert.Equal("(None, 7, 7, 1280)", model.GetLayer("out_relu").OutputShape!.ToString());
    }

    [Fact]
    public void ResNet50_ParameterCountMatchesKeras()
    {
        var model = ResNet50.Create();

        var summary = model.Summary();

        Assert.Equal(25_636_712, model.CountParams());
        Assert.Contains("Total params: 25,636,712", summary);
        Assert.Contains("Trainable params: 25,583,592", summary);
        Assert.Contains("Non-trainable params: 53,120", summary);
        Assert.Contains("Connected to", summary);
    }

    [Fact]
    public void ResNet50_UsesKerasLayerNames()
    {
        var model = ResNet50.Create();
        var names = model.Layers.Select(l => l.Name).ToArray();

        Assert.Equal(177, names.Length);
        Assert.Equal(["input_layer", "conv1_pad", "conv1_conv", "conv1_bn", "conv1_relu", "pool1_pad", "pool1_pool"], names[..7]);
        Assert.Contains("conv2_block1_0_conv", names);
        Assert.Contains("conv5_block3_out", names);
        Assert.Equal(["avg_pool", "predictions"], names[^2..]);
        Assert.Equal("(None, 7, 7, 2048)", model.GetLayer("conv5_block3_out").OutputShape!.ToString());
    }

    [Fact]
    public void Backbones_RunWithoutTop()
    {
        var mobile = MobileNetV2.Create([64, 64, 3], alpha: 0.5, includeTop: false, pooling: "avg");
        var resnet = ResNet50.Create([32, 32, 3], includeTop: false, pooling: "max");
        var x = RandomArrays.Uniform(8, 1, 64, 64, 3);

        Assert.Equal([1, 1280], mobile.Predict(x).Shape);
        Assert.Equal([1, 2048], resnet.Predict(RandomArrays.Uniform(9, 1, 32, 32, 3)).Shape);
        Assert.Equal("mobilenetv2_0.50_64", mobile.Name);
    }

    [Fact]
    public void Applications_RejectBadPooling()
    {
        var error = Assert.Throws<ArgumentException>(() => ResNet50.Create(includeTop: false, pooling: "mean"));

        Assert.Equal("pooling", error.ParamName);
    }
}
