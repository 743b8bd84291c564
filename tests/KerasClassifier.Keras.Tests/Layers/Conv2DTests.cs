using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Layers;

public class Conv2DTests
{
    [Fact]
    public void Valid_padding_matches_hand_computed_sums()
    {
        // A 3x3 single-channel image and a 2x2 kernel of ones: each output is the sum of a 2x2 window.
        var conv = new Conv2D(1, 2, kernelInitializer: "ones", biasInitializer: "zeros");
        var input = new NDArray([1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 3, 3, 1);

        var output = LayerRunner.Run(conv, input);

        Assert.Equal(new[] { 1, 2, 2, 1 }, output.Shape);
        TensorAssert.Close([12, 16, 24, 28], output.Data);
    }

    [Fact]
    public void Same_padding_with_stride_pads_bottom_and_right()
    {
        // Input 4x4, kernel 3, stride 2: TensorFlow pads 0 rows before and 1 after, so the first
        // window starts at the top-left corner (symmetric padding would start it one cell earlier).
        var conv = new Conv2D(1, 3, strides: 2, padding: "same", kernelInitializer: "ones", useBias: false);
        var input = new NDArray(Enumerable.Range(1, 16).Select(v => (float)v).ToArray(), 1, 4, 4, 1);

        var output = LayerRunner.Run(conv, input);

        Assert.Equal(new[] { 1, 2, 2, 1 }, output.Shape);

        // Windows: rows 0-2 x cols 0-2, rows 0-2 x cols 2-3 (+pad), rows 2-3 (+pad) x cols 0-2, rows 2-3 x cols 2-3.
        TensorAssert.Close([54, 45, 72, 54], output.Data);
    }

    [Fact]
    public void Kernel_round_trips_in_keras_layout()
    {
        var conv = new Conv2D(2, (2, 1));
        LayerRunner.Run(conv, new NDArray(new float[1 * 3 * 3 * 3], 1, 3, 3, 3));
        var kernel = conv.Weights[0];
        var values = Enumerable.Range(0, 2 * 1 * 3 * 2).Select(v => (float)v).ToArray();

        kernel.SetValue(values);

        Assert.Equal(new[] { 2, 1, 3, 2 }, kernel.Shape);
        Assert.Equal(values, kernel.GetValue());
    }

    [Fact]
    public void Wrong_rank_names_layer_and_shape()
    {
        var conv = new Conv2D(4, 3, name: "my_conv");

        var error = Assert.Throws<ArgumentException>(() => conv.Build(new Shape(null, 10)));

        Assert.Contains("\"my_conv\"", error.Message);
        Assert.Contains("expected ndim=4, found ndim=2", error.Message);
        Assert.Contains("(None, 10)", error.Message);
    }

    [Fact]
    public void Invalid_filters_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(0, 3));

        Assert.Equal("filters", error.ParamName);
    }
}
