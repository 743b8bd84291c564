using KerasClassifier.Keras.Data;

namespace KerasClassifier.Keras.Tests.Data;

public class BatchTests
{
    /// <summary>Creates <paramref name="count"/> 2x3x1 images whose pixels all equal their index.</summary>
    private static Dataset<ImageExample> IndexedImages(int count)
    {
        var images = Enumerable.Range(0, count).SelectMany(i => Enumerable.Repeat((float)i, 6)).ToArray();
        var labels = Enumerable.Range(0, count).Select(i => i * 10).ToArray();

        return Dataset.FromTensors(images, labels, 2, 3, 1);
    }

    [Fact]
    public void Batch_KeepsPartialLastBatch()
    {
        var batches = IndexedImages(10).Batch(4).ToList();

        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
        Assert.Equal([80, 90], batches[2].Labels);
        Assert.Equal(Enumerable.Repeat(8f, 6).Concat(Enumerable.Repeat(9f, 6)), batches[2].Images);
    }

    [Fact]
    public void Batch_DropRemainder()
    {
        var batches = IndexedImages(10).Batch(4, dropRemainder: true).ToList();

        Assert.Equal([4, 4], batches.Select(b => b.Count));
        Assert.Equal([40, 50, 60, 70], batches[1].Labels);
    }

    [Fact]
    public void Batch_LayoutIsNhwc()
    {
        ImageBatch batch = IndexedImages(3).Batch(3).Single();

        Assert.Equal(2, batch.Height);
        Assert.Equal(3, batch.Width);
        Assert.Equal(1, batch.Channels);
        Assert.Equal(18, batch.Images.Length);
        Assert.Equal(1f, batch.Images[6]);
        Assert.Equal(2f, batch.Images[17]);
    }

    [Theory]
    [InlineData(10, 4, false, 3)]
    [InlineData(10, 4, true, 2)]
    [InlineData(8, 4, false, 2)]
    [InlineData(3, 4, true, 0)]
    public void Batch_Cardinality(int count, int batchSize, bool dropRemainder, long expected)
    {
        var batched = IndexedImages(count).Batch(batchSize, dropRemainder);

        Assert.Equal(expected, batched.Cardinality);
        Assert.Equal(expected, batched.Count());
    }

    [Fact]
    public void Batch_RejectsMixedSizes()
    {
        var small = new ImageExample(new float[4], 2, 2, 1, 0, "small.png");
        var large = new ImageExample(new float[9], 3, 3, 1, 0, "large.png");
        var dataset = Dataset.FromItems([small, large]).Batch(2);

        var error = Assert.Throws<InvalidOperationException>(() => dataset.ToList());
        Assert.Contains("large.png", error.Message);
    }
}
