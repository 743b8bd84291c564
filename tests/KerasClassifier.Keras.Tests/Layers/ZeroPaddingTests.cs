using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Layers;

public class ZeroPaddingTests
{
    [Fact]
    public void ZeroPadding_PadsEachSide()
    {
        // One 2x2 single-channel image of 1..4, padded one row on top and two columns on the right.
        var output = LayerRunner.Run(new ZeroPadding2D(((1, 0), (0, 2))), new NDArray([1, 2, 3, 4], 1, 2, 2, 1));

        Assert.Equal(new[] { 1, 3, 4, 1 }, output.Shape);
        TensorAssert.Close(
            [
                0, 0, 0, 0,
                1, 2, 0, 0,
                3, 4, 0, 0,
            ],
            output.Data);
    }

    [Fact]
    public void ZeroPadding_IntPadsAllSides()
    {
        var padding = new ZeroPadding2D(3);

        Assert.Equal(new Shape(null, 230, 230, 3), padding.ComputeOutputShape(new Shape(null, 224, 224, 3)));
    }

    [Fact]
    public void ZeroPadding_RejectsNegative()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ZeroPadding2D(((0, -1), (0, 0))));

        Assert.Equal("padding", error.ParamName);
    }

    [Fact]
    public void GlobalMaxPooling_TakesChannelMaximum()
    {
        // Two channels interleaved channels_last: channel 0 = 1,-2,3,0 and channel 1 = -10,-20,-5,-40.
        var output = LayerRunner.Run(new GlobalMaxPooling2D(), new NDArray([1, -10, -2, -20, 3, -5, 0, -40], 1, 2, 2, 2));

        Assert.Equal(new[] { 1, 2 }, output.Shape);
        TensorAssert.Close([3, -5], output.Data);
    }
}
