using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Layers;

public class FlattenTests
{
    [Fact]
    public void Keeps_channels_last_order()
    {
        // (1, 2, 2, 2) channels_last: flattening must give the data back in the same order.
        var data = Enumerable.Range(0, 8).Select(v => (float)v).ToArray();

        var output = LayerRunner.Run(new Flatten(), new NDArray(data, 1, 2, 2, 2));

        Assert.Equal(new[] { 1, 8 }, output.Shape);
        Assert.Equal(data, output.Data);
    }
}
