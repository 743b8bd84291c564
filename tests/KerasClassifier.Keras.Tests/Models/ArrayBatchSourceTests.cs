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
    public void Finished_pass_releases_tensors()
    {
        var source = new ArrayBatchSource(Numbered(6, 3), [0, 1, 2, 3, 4, 5], 4, false, null, "the test data");
        using var pass = source.Open();
        Assert.True(pass.MoveNext());
        var tensors = pass.Current.InputRows!.Sources;
        Assert.All(tensors, t => Assert.False(t.IsInvalid));

        while (pass.MoveNext())
        {
        }

        Assert.All(tensors, t => Assert.True(t.IsInvalid));
    }

    [Fact]
    public void Disposed_pass_releases_tensors()
    {
        var source = new ArrayBatchSource(Numbered(6, 3), [0, 1, 2, 3, 4, 5], 2, true, 1, "the test data");
        var pass = source.Open();
        Assert.True(pass.MoveNext());
        var tensors = pass.Current.InputRows!.Sources;

        pass.Dispose();

        Assert.All(tensors, t => Assert.True(t.IsInvalid));
    }

    [Fact]
    public void Empty_arrays_yield_no_batches()
    {
        var source = new ArrayBatchSource(new NDArray([], 0, 3), [], 4, true, 1, "the test data");

        using var pass = source.Open();

        Assert.False(pass.MoveNext());
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
