using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Tests.Layers;

public class MergingLayerTests
{
    private static readonly NDArray A = new([1f, 2f, 3f, 4f], 2, 2);
    private static readonly NDArray B = new([10f, 20f, 30f, 40f], 2, 2);

    [Theory]
    [InlineData("add", new[] { 11f, 22f, 33f, 44f })]
    [InlineData("subtract", new[] { -9f, -18f, -27f, -36f })]
    [InlineData("multiply", new[] { 10f, 40f, 90f, 160f })]
    [InlineData("average", new[] { 5.5f, 11f, 16.5f, 22f })]
    [InlineData("maximum", new[] { 10f, 20f, 30f, 40f })]
    public void Merge_ComputesElementwise(string kind, float[] expected)
    {
        Layer layer = kind switch
        {
            "add" => new Add(),
            "subtract" => new Subtract(),
            "multiply" => new Multiply(),
            "average" => new Average(),
            _ => new Maximum(),
        };
        var a = Keras.Input([2]);
        var b = Keras.Input([2]);
        var model = new Functional([a, b], layer.Apply([a, b]));

        var output = model.Predict([A, B]);

        Assert.Equal(expected, output.Data);
    }

    [Fact]
    public void Merge_BroadcastsSizeOne()
    {
        var a = Keras.Input([2]);
        var b = Keras.Input([1]);
        var model = new Functional([a, b], new Add().Apply([a, b]));

        var output = model.Predict([A, new NDArray([100f, 200f], 2, 1)]);

        Assert.Equal([101f, 102f, 203f, 204f], output.Data);
    }

    [Fact]
    public void Merge_IncompatibleShapesNameLayer()
    {
        var error = Assert.Throws<ArgumentException>(() => new Add(name: "bad_add").Apply([Keras.Input([2]), Keras.Input([3])]));

        Assert.Contains("\"bad_add\"", error.Message);
        Assert.Contains("[(None, 2), (None, 3)]", error.Message);
    }

    [Fact]
    public void Subtract_RejectsThreeInputs()
    {
        var error = Assert.Throws<ArgumentException>(() => new Subtract(name: "minus").Apply([Keras.Input([2]), Keras.Input([2]), Keras.Input([2])]));

        Assert.Contains("exactly 2", error.Message);
    }

    [Fact]
    public void Concatenate_UsesChannelsLastAxes()
    {
        var a = Keras.Input([1, 2, 1]);
        var b = Keras.Input([1, 2, 1]);
        var channels = new Functional([a, b], new Concatenate().Apply([a, b]));
        var width = new Functional([a, b], new Concatenate(axis: 2).Apply([a, b]));
        var left = new NDArray([1f, 2f], 1, 1, 2, 1);
        var right = new NDArray([3f, 4f], 1, 1, 2, 1);

        var byChannel = channels.Predict([left, right]);
        var byWidth = width.Predict([left, right]);

        Assert.Equal([1, 1, 2, 2], byChannel.Shape);
        Assert.Equal([1f, 3f, 2f, 4f], byChannel.Data);
        Assert.Equal([1, 1, 4, 1], byWidth.Shape);
        Assert.Equal([1f, 2f, 3f, 4f], byWidth.Data);
    }

    [Fact]
    public void Concatenate_MismatchNamesShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new Concatenate(name: "joiner").Apply([Keras.Input([4, 4, 3]), Keras.Input([5, 5, 3])]));

        Assert.Contains("\"joiner\"", error.Message);
        Assert.Contains("(None, 4, 4, 3)", error.Message);
        Assert.Contains("(None, 5, 5, 3)", error.Message);
    }

    [Fact]
    public void Concatenate_ConfigRoundTrips()
    {
        var layer = new Concatenate(axis: 1, name: "cat");

        var copy = Concatenate.FromConfig(layer.GetConfig());

        Assert.Equal(1, copy.Axis);
        Assert.Equal("cat", copy.Name);
    }
}
