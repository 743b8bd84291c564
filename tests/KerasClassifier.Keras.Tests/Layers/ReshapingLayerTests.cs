using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Layers;

public class ReshapingLayerTests
{
    private static readonly NDArray Image = new([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f], 1, 2, 3, 2);

    [Fact]
    public void ZeroPadding2D_PadsEachEdge()
    {
        var input = new NDArray([5f], 1, 1, 1, 1);

        var output = LayerHarness.Run(new ZeroPadding2D(((1, 0), (0, 2))), [1, 1, 1], [2, 3, 1], fromConfig: ZeroPadding2D.FromConfig, input: input);

        Assert.Equal([0f, 0f, 0f, 5f, 0f, 0f], output.Data);
    }

    [Fact]
    public void Cropping2D_RemovesEdges()
    {
        var output = LayerHarness.Run(new Cropping2D(((0, 1), (1, 1))), [2, 3, 2], [1, 1, 2], fromConfig: Cropping2D.FromConfig, input: Image);

        Assert.Equal([3f, 4f], output.Data);
    }

    [Fact]
    public void Cropping2D_TooMuchNamesLayer()
    {
        var error = Assert.Throws<ArgumentException>(() => new Cropping2D(2, name: "crop_all").Apply(Keras.Input([3, 3, 1])));

        Assert.Contains("\"crop_all\"", error.Message);
        Assert.Contains("(None, 3, 3, 1)", error.Message);
    }

    [Fact]
    public void UpSampling2D_NearestRepeats()
    {
        var input = new NDArray([1f, 2f], 1, 1, 2, 1);

        var output = LayerHarness.Run(new UpSampling2D(2), [1, 2, 1], [2, 4, 1], fromConfig: UpSampling2D.FromConfig, input: input);

        Assert.Equal([1f, 1f, 2f, 2f, 1f, 1f, 2f, 2f], output.Data);
    }

    [Fact]
    public void UpSampling2D_BilinearUsesHalfPixelCentres()
    {
        var input = new NDArray([0f, 4f], 1, 1, 2, 1);

        var output = LayerHarness.Run(new UpSampling2D((1, 2), interpolation: "bilinear"), [1, 2, 1], [1, 4, 1], input: input);

        Assert.Equal([0f, 1f, 3f, 4f], output.Data);
    }

    [Fact]
    public void Reshape_KeepsChannelsLastOrder()
    {
        var output = LayerHarness.Run(new Reshape([3, -1]), [2, 3, 2], [3, 4], fromConfig: Reshape.FromConfig, input: Image);

        Assert.Equal(Image.Data, output.Data);
    }

    [Fact]
    public void Reshape_ToImageThenBack()
    {
        var flat = new NDArray(Image.Data, 1, 12);

        var output = LayerHarness.Run(new Reshape([2, 3, 2]), [12], [2, 3, 2], input: flat);

        Assert.Equal(Image.Data, output.Data);
        Assert.Equal(8f, output[0, 1, 0, 1]);
    }

    [Fact]
    public void Reshape_WrongSizeNamesShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new Reshape([5], name: "bad_reshape").Apply(Keras.Input([2, 3])));

        Assert.Contains("\"bad_reshape\"", error.Message);
        Assert.Contains("(None, 2, 3)", error.Message);
        Assert.Contains("(5)", error.Message);
    }

    [Fact]
    public void Permute_SwapsChannelsLastAxes()
    {
        var output = LayerHarness.Run(new Permute([3, 1, 2]), [2, 3, 2], [2, 2, 3], fromConfig: Permute.FromConfig, input: Image);

        for (var h = 0; h < 2; h++)
        {
            for (var w = 0; w < 3; w++)
            {
                for (var c = 0; c < 2; c++)
                {
                    Assert.Equal(Image[0, h, w, c], output[0, c, h, w]);
                }
            }
        }
    }

    [Fact]
    public void Permute_RejectsNonPermutation()
    {
        var error = Assert.Throws<ArgumentException>(() => new Permute([0, 1]));

        Assert.Equal("dims", error.ParamName);
    }
}
