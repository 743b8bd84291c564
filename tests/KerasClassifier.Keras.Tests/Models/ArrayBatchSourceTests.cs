using KerasClassifier.Keras.Training;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Tests.Models;

public class ArrayBatchSourceTests
{
    [Fact]
    public void Shuffled_batches_gather_matching_rows()
    {
        var first = Numbered(10, 6);
        var second = Numbered(10, 4);
        var labels = Enumerable.Range(0, 10).ToArray();
        var source = new ArrayBatchSource([first, second], labels, null, null, 4, true, 5, "the test data");
        var seen = new List<int>();

        using var pass = source.Open();
        while (pass.MoveNext())
        {
            using var scope = NewDisposeScope();
            var batch = pass.Current;
            var inputs = DeviceBatch.From(batch).Inputs;

            Assert.Equal([batch.Count, 6L], inputs[0].shape);
            Assert.Equal([batch.Count, 4L], inputs[1].shape);
            Assert.Equal(batch.Labels!.SelectMany(i => Row(first, i)), inputs[0].data<float>().ToArray());
            Assert.Equal(batch.Labels!.SelectMany(i => Row(second, i)), inputs[1].data<float>().ToArray());
            seen.AddRange(batch.Labels!);
        }

        Assert.Equal(labels, seen.Order());
        Assert.NotEqual(labels, seen);
    }

    [Fact]
    public void Full_batches_reuse_one_buffer()
    {
        var images = Numbered(10, 3);
        var source = new ArrayBatchSource(images, Enumerable.Range(0, 10).ToArray(), 4, false, null, "the test data");
        using var scope = NewDisposeScope();

        using var pass = source.Open();
        pass.MoveNext();
        var firstBuffer = pass.Current.Inputs;
        var firstTensor = DeviceBatch.From(pass.Current).Inputs[0];
        pass.MoveNext();
        var secondBuffer = pass.Current.Inputs;
        pass.MoveNext();
        var lastBatch = pass.Current;

        Assert.Same(firstBuffer, secondBuffer);
        Assert.Equal(Enumerable.Range(0, 4).SelectMany(i => Row(images, i)), firstTensor.data<float>().ToArray());
        Assert.Equal(2, lastBatch.Count);
        Assert.Equal(6, lastBatch.Inputs.Length);
        Assert.Equal(Enumerable.Range(8, 2).SelectMany(i => Row(images, i)), lastBatch.Inputs);
    }

    /// <summary>Creates (count, width) values where example i contains i * 100 + j, so a row names its example.</summary>
    private static NDArray Numbered(int count, int width) =>
        new(Enumerable.Range(0, count * width).Select(k => (float)(k / width * 100 + k % width)).ToArray(), count, width);

    private static IEnumerable<float> Row(NDArray array, int example)
    {
        var width = array.Data.Length / array.Length;
        return array.Data.Skip(example * width).Take(width);
    }
}
