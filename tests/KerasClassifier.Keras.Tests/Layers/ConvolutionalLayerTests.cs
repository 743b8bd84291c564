using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Layers;

public class ConvolutionalLayerTests
{
    public ConvolutionalLayerTests()
    {
        KerasBackend.SetRandomSeed(3);
    }

    [Theory]
    [InlineData("valid", 1, 1, 5, 5)]
    [InlineData("same", 1, 1, 7, 7)]
    [InlineData("same", 2, 1, 4, 4)]
    [InlineData("valid", 1, 2, 5, 5)]
    public void DepthwiseConv2D_ShapesAndConfig(string padding, int stride, int multiplier, int height, int width)
    {
        var layer = new DepthwiseConv2D(3, strides: stride, padding: padding, depthMultiplier: multiplier);

        LayerHarness.Run(layer, [7, 7, 2], [height, width, 2 * multiplier], trainableWeights: 2, fromConfig: DepthwiseConv2D.FromConfig);

        Assert.Equal([3, 3, 2, multiplier], layer.Weights[0].Shape);
        Assert.Equal("depthwise_kernel", layer.Weights[0].Name);
    }

    [Fact]
    public void DepthwiseConv2D_ChannelsStayIndependent()
    {
        var layer = new DepthwiseConv2D(1, depthMultiplier: 2, useBias: false);
        layer.Build(Shape.WithBatch(1, 1, 2));
        layer.Weights[0].SetValue([1f, 2f, 3f, 4f]);
        var input = new NDArray([10f, 100f], 1, 1, 1, 2);

        var output = LayerHarness.Run(layer, [1, 1, 2], [1, 1, 4], trainableWeights: 1, input: input);

        // Output channel c * multiplier + m = input channel c times kernel[c, m].
        Assert.Equal([10f, 20f, 300f, 400f], output.Data);
    }

    [Fact]
    public void SeparableConv2D_ShapesAndVariables()
    {
        var layer = new SeparableConv2D(5, 3, padding: "same", depthMultiplier: 2);

        LayerHarness.Run(layer, [6, 6, 3], [6, 6, 5], trainableWeights: 3, fromConfig: SeparableConv2D.FromConfig);

        Assert.Equal(["depthwise_kernel", "pointwise_kernel", "bias"], layer.Weights.Select(w => w.Name));
        Assert.Equal([1, 1, 6, 5], layer.Weights[1].Shape);
        Assert.Equal(3 * 3 * 3 * 2 + 6 * 5 + 5, layer.CountParams());
    }

    [Theory]
    [InlineData("same", 2, 3, 8)]
    [InlineData("valid", 2, 3, 9)]
    [InlineData("valid", 3, 2, 12)]
    [InlineData("same", 1, 3, 4)]
    public void Conv2DTranspose_OutputSizeFollowsKeras(string padding, int stride, int kernel, int expected)
    {
        var layer = new Conv2DTranspose(2, kernel, strides: stride, padding: padding);

        LayerHarness.Run(layer, [4, 4, 3], [expected, expected, 2], trainableWeights: 2, fromConfig: Conv2DTranspose.FromConfig);

        Assert.Equal([kernel, kernel, 2, 3], layer.Weights[0].Shape);
    }

    [Fact]
    public void Conv2DTranspose_SpreadsEachInputOverKernel()
    {
        var layer = new Conv2DTranspose(1, 2, strides: 2, useBias: false);
        layer.Build(Shape.WithBatch(1, 2, 1));
        layer.Weights[0].SetValue([1f, 2f, 3f, 4f]);
        var input = new NDArray([1f, 10f], 1, 1, 2, 1);

        var output = LayerHarness.Run(layer, [1, 2, 1], [2, 4, 1], trainableWeights: 1, input: input);

        Assert.Equal([1f, 2f, 10f, 20f, 3f, 4f, 30f, 40f], output.Data);
    }

    [Theory]
    [InlineData("valid", 1, 6)]
    [InlineData("same", 1, 8)]
    [InlineData("causal", 1, 8)]
    [InlineData("same", 2, 4)]
    public void Conv1D_ShapesAndConfig(string padding, int stride, int steps)
    {
        var layer = new Conv1D(4, 3, strides: stride, padding: padding);

        LayerHarness.Run(layer, [8, 2], [steps, 4], trainableWeights: 2, fromConfig: Conv1D.FromConfig);

        Assert.Equal([3, 2, 4], layer.Weights[0].Shape);
    }

    [Fact]
    public void Conv1D_CausalSeesOnlyPast()
    {
        var layer = new Conv1D(1, 2, padding: "causal", useBias: false);
        layer.Build(Shape.WithBatch(3, 1));
        layer.Weights[0].SetValue([1f, 10f]);
        var input = new NDArray([1f, 2f, 3f], 1, 3, 1);

        var output = LayerHarness.Run(layer, [3, 1], [3, 1], trainableWeights: 1, input: input);

        // y[t] = 1 * x[t - 1] + 10 * x[t], with x[-1] = 0.
        Assert.Equal([10f, 21f, 32f], output.Data);
    }

    [Fact]
    public void Conv1D_WrongRankNamesLayer()
    {
        var error = Assert.Throws<ArgumentException>(() => new Conv1D(2, 3, name: "seq_conv").Apply(Keras.Input([8, 8, 1])));

        Assert.Contains("\"seq_conv\"", error.Message);
        Assert.Contains("expected ndim=3", error.Message);
        Assert.Contains("(None, 8, 8, 1)", error.Message);
    }
}
