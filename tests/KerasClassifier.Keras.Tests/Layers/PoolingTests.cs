using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Layers;

public class PoolingTests
{
    [Fact]
    public void MaxPooling_same_padding_ignores_padded_cells()
    {
        // All values negative: a zero-filled pad would win the maximum in the edge windows.
        var data = Enumerable.Range(1, 9).Select(v => -(float)v).ToArray();

        var output = LayerRunner.Run(new MaxPooling2D(2, padding: "same"), new NDArray(data, 1, 3, 3, 1));

        Assert.Equal(new[] { 1, 2, 2, 1 }, output.Shape);
        TensorAssert.Close([-1, -3, -7, -9], output.Data);
    }

    [Fact]
    public void MaxPooling_strides_default_to_pool_size()
    {
        var pooling = new MaxPooling2D(3);

        Assert.Equal(new Size2D(3, 3), pooling.Strides);
        Assert.Equal(new Shape(null, 2, 2, 5), pooling.ComputeOutputShape(new Shape(null, 7, 8, 5)));
    }

    [Fact]
    public void GlobalAveragePooling_averages_each_channel()
    {
        // Two channels interleaved channels_last: channel 0 = 1,2,3,4 and channel 1 = 10,20,30,40.
        var output = LayerRunner.Run(new GlobalAveragePooling2D(), new NDArray([1, 10, 2, 20, 3, 30, 4, 40], 1, 2, 2, 2));

        Assert.Equal(new[] { 1, 2 }, output.Shape);
        TensorAssert.Close([2.5f, 25], output.Data);
    }
}
