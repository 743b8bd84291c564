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

    /// <summary>Creates (count, width) values where example i contains i * 100 + j, so a row names its example.</summary>
    private static NDArray Numbered(int count, int width) =>
        new(Enumerable.Range(0, count * width).Select(k => (float)(k / width * 100 + k % width)).ToArray(), count, width);

    private static IEnumerable<float> Row(NDArray array, int example)
    {
        var width = array.Data.Length / array.Length;
        return array.Data.Skip(example * width).Take(width);
    }
}
