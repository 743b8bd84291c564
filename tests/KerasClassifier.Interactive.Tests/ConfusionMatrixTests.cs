using KerasClassifier.Keras;

namespace KerasClassifier.Interactive.Tests;

public class ConfusionMatrixTests
{
    private static readonly string[] Names = ["cat", "dog", "fox"];

    [Fact]
    public void Compute_CountsPairs()
    {
        int[] labels = [0, 0, 1, 1, 2, 2, 2];
        int[] predictions = [0, 1, 1, 1, 2, 0, 2];

        var matrix = ConfusionMatrix.Compute(labels, predictions, Names);

        Assert.Equal(1, matrix[0, 0]);
        Assert.Equal(1, matrix[0, 1]);
        Assert.Equal(2, matrix[1, 1]);
        Assert.Equal(1, matrix[2, 0]);
        Assert.Equal(2, matrix[2, 2]);
        Assert.Equal(0, matrix[1, 2]);
        Assert.Equal(7, matrix.Total);
        Assert.Equal(5.0 / 7, matrix.Accuracy, 12);
    }

    [Fact]
    public void Compute_OutputsUseArgMax()
    {
        var outputs = new NDArray([0.1f, 0.7f, 0.2f, 0.6f, 0.3f, 0.1f], 2, 3);

        var matrix = ConfusionMatrix.Compute([1, 1], outputs, Names);

        Assert.Equal(1, matrix[1, 1]);
        Assert.Equal(1, matrix[1, 0]);
    }

    [Fact]
    public void Compute_LengthMismatchThrows()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute([0, 1], [0], Names));

        Assert.Equal("predictions", error.ParamName);
        Assert.Contains("2", error.Message);
    }

    [Fact]
    public void Compute_LabelOutOfRangeThrows()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute([0, 3], [0, 0], Names));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("labels[1] is 3", error.Message);
    }

    [Fact]
    public void Empty_HasZeroAccuracy()
    {
        var matrix = ConfusionMatrix.Compute([], [], Names);

        Assert.Equal(0, matrix.Total);
        Assert.Equal(0, matrix.Accuracy);
    }

    [Fact]
    public void Html_NamesClassesAndCounts()
    {
        var matrix = ConfusionMatrix.Compute([0, 1, 2], [0, 2, 2], ["a<b", "dog", "fox"]);

        string html = matrix.ToHtml();

        Assert.Contains("a&lt;b", html);
        Assert.DoesNotContain("a<b", html);
        Assert.Contains("3 examples, accuracy 66.67%", html);
    }
}
