using KerasClassifier.Keras.Data;

namespace KerasClassifier.Keras.Tests.Data;

public class FromTensorsTests
{
    [Fact]
    public void FromTensors_SlicesImages()
    {
        float[] images = Enumerable.Range(0, 2 * 2 * 2 * 3).Select(i => (float)i).ToArray();

        var examples = Dataset.FromTensors(images, [4, 7], 2, 2, 3).ToList();

        Assert.Equal(2, examples.Count);
        Assert.Equal(images.Take(12), examples[0].Pixels);
        Assert.Equal(images.Skip(12), examples[1].Pixels);
        Assert.Equal(7, examples[1].Label);
        Assert.Null(examples[1].SourcePath);
    }

    [Fact]
    public void FromTensors_RejectsLengthMismatch()
    {
        var error = Assert.Throws<ArgumentException>(() => Dataset.FromTensors(new float[10], [0, 1], 2, 2, 3));

        Assert.Equal("images", error.ParamName);
        Assert.Contains("24", error.Message);
    }
}
