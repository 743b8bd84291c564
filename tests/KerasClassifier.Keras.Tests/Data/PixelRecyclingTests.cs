using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Tests.Data;

public class PixelRecyclingTests
{
    [Fact]
    public void Pool_reuses_arrays_of_equal_length()
    {
        // A length no other test uses, so parallel tests cannot take the array first.
        var returned = new float[77_001];

        PixelBufferPool.Return(returned);
        var otherLength = PixelBufferPool.Rent(77_002);
        var sameLength = PixelBufferPool.Rent(77_001);

        Assert.Equal(77_002, otherLength.Length);
        Assert.Same(returned, sameLength);
    }

    [Fact]
    public void Batching_recycles_only_decoded_pixels()
    {
        var decoded = Example(1, pooled: true);
        var inMemory = Example(2, pooled: false);

        var batch = Assert.Single(new ItemsDataset<ImageExample>([decoded, inMemory]).Batch(2));

        Assert.Equal([1f, 1f, 1f, 1f, 2f, 2f, 2f, 2f], batch.Images);
        var error = Assert.Throws<ObjectDisposedException>(() => decoded.Pixels);
        Assert.Contains("recycled after batching", error.Message);
        Assert.Equal([2f, 2f, 2f, 2f], inMemory.Pixels);
    }

    [Fact]
    public void Cache_keeps_pixels_across_passes()
    {
        var examples = new[] { Example(3, pooled: true), Example(4, pooled: true) };
        var dataset = new ItemsDataset<ImageExample>(examples).Cache().Batch(2);

        var first = dataset.Single().Images.ToArray();
        var second = dataset.Single().Images.ToArray();

        Assert.Equal([3f, 3f, 3f, 3f, 4f, 4f, 4f, 4f], first);
        Assert.Equal(first, second);
        Assert.Equal([3f, 3f, 3f, 3f], examples[0].Pixels);
    }

    [Fact]
    public void Source_recycles_batch_after_next_request()
    {
        var examples = Enumerable.Range(0, 4).Select(i => Example(i, pooled: true)).ToArray();
        var batches = new List<ImageBatch>();
        var dataset = new ItemsDataset<ImageExample>(examples).Batch(2).Map(b =>
        {
            batches.Add(b);
            return b;
        });
        var source = new DatasetBatchSource(dataset, "the test data");

        using var pass = source.Open();
        pass.MoveNext();
        var firstInputs = pass.Current.Inputs.ToArray();
        pass.MoveNext();

        Assert.Equal([0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f], firstInputs);
        Assert.Throws<ObjectDisposedException>(() => batches[0].Images);
        Assert.Equal([2f, 2f, 2f, 2f, 3f, 3f, 3f, 3f], batches[1].Images);
    }

    [Fact]
    public void Source_keeps_cached_batches_intact()
    {
        var examples = Enumerable.Range(0, 4).Select(i => Example(i, pooled: true)).ToArray();
        var source = new DatasetBatchSource(new ItemsDataset<ImageExample>(examples).Batch(2).Cache(), "the test data");

        var firstPass = ReadPass(source);
        var secondPass = ReadPass(source);

        Assert.Equal([0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f, 2f, 2f, 2f, 2f, 3f, 3f, 3f, 3f], firstPass);
        Assert.Equal(firstPass, secondPass);
    }

    private static float[] ReadPass(DatasetBatchSource source)
    {
        var values = new List<float>();
        using var pass = source.Open();
        while (pass.MoveNext())
        {
            values.AddRange(pass.Current.Inputs);
        }

        return [.. values];
    }

    /// <summary>A 2x2 one-channel image filled with <paramref name="value"/>, owning pooled pixels when <paramref name="pooled"/> is true.</summary>
    private static ImageExample Example(int value, bool pooled) =>
        new(Enumerable.Repeat((float)value, 4).ToArray(), 2, 2, 1, label: value) { OwnsPooledPixels = pooled };
}
