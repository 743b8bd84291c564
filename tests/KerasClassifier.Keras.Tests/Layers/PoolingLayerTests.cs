using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Layers;

public class PoolingLayerTests
{
    [Fact]
    public void AveragePooling2D_SameExcludesPadding()
    {
        var input = new NDArray([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f], 1, 3, 3, 1);

        var output = LayerHarness.Run(new AveragePooling2D(2, padding: "same"), [3, 3, 1], [2, 2, 1], fromConfig: AveragePooling2D.FromConfig, input: input);

        // The right column and bottom row windows cover only real cells: (3+6)/2, (7+8)/2, 9/1.
        Assert.Equal([3f, 4.5f, 7.5f, 9f], output.Data);
    }

    [Fact]
    public void AveragePooling2D_ValidAverages()
    {
        var input = new NDArray([1f, 2f, 3f, 4f], 1, 2, 2, 1);

        var output = LayerHarness.Run(new AveragePooling2D(2), [2, 2, 1], [1, 1, 1], input: input);

        Assert.Equal([2.5f], output.Data);
    }

    [Fact]
    public void GlobalMaxPooling2D_TakesMaximumPerChannel()
    {
        var input = new NDArray([1f, -5f, 7f, 2f, 3f, 4f, -1f, 0f], 1, 2, 2, 2);

        var output = LayerHarness.Run(new GlobalMaxPooling2D(), [2, 2, 2], [2], fromConfig: GlobalMaxPooling2D.FromConfig, input: input);
        LayerHarness.Run(new GlobalMaxPooling2D(keepdims: true), [2, 2, 2], [1, 1, 2]);

        Assert.Equal([7f, 4f], output.Data);
    }

    [Fact]
    public void MaxPooling1D_SamePadsWithoutWinning()
    {
        var input = new NDArray([-1f, -2f, -3f], 1, 3, 1);

        var output = LayerHarness.Run(new MaxPooling1D(2, padding: "same"), [3, 1], [2, 1], fromConfig: MaxPooling1D.FromConfig, input: input);

        Assert.Equal([-1f, -3f], output.Data);
    }

    [Fact]
    public void GlobalAveragePooling1D_AveragesSteps()
    {
        var input = new NDArray([1f, 10f, 3f, 30f], 1, 2, 2);

        var output = LayerHarness.Run(new GlobalAveragePooling1D(), [2, 2], [2], fromConfig: GlobalAveragePooling1D.FromConfig, input: input);

        Assert.Equal([2f, 20f], output.Data);
    }
}
