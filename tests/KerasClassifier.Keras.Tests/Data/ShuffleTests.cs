using KerasClassifier.Keras.Data;

namespace KerasClassifier.Keras.Tests.Data;

public class ShuffleTests
{
    [Fact]
    public void Shuffle_SameSeedSameOrder()
    {
        var first = Dataset.Range(100).Shuffle(100, seed: 7).ToList();
        var second = Dataset.Range(100).Shuffle(100, seed: 7).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Shuffle_KeepsEveryElement()
    {
        var shuffled = Dataset.Range(100).Shuffle(10, seed: 3).ToList();

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), shuffled.Order());
        Assert.NotEqual(Enumerable.Range(0, 100).Select(i => (long)i), shuffled);
    }

    [Fact]
    public void Shuffle_NewOrderEachPass()
    {
        var dataset = Dataset.Range(50).Shuffle(50, seed: 11);

        var pass1 = dataset.ToList();
        var pass2 = dataset.ToList();

        Assert.NotEqual(pass1, pass2);
        Assert.Equal(pass1.Order(), pass2.Order());
    }

    [Fact]
    public void Shuffle_PassOrderRepeatsAcrossRuns()
    {
        var runA = Dataset.Range(50).Shuffle(50, seed: 11);
        var runB = Dataset.Range(50).Shuffle(50, seed: 11);

        var a = new[] { runA.ToList(), runA.ToList() };
        var b = new[] { runB.ToList(), runB.ToList() };

        Assert.Equal(a[0], b[0]);
        Assert.Equal(a[1], b[1]);
    }

    [Fact]
    public void Shuffle_NoReshuffleRepeatsOrder()
    {
        var dataset = Dataset.Range(50).Shuffle(50, seed: 5, reshuffleEachIteration: false);

        Assert.Equal(dataset.ToList(), dataset.ToList());
    }

    [Fact]
    public void Shuffle_DifferentSeedsDiffer()
    {
        Assert.NotEqual(Dataset.Range(50).Shuffle(50, seed: 1).ToList(), Dataset.Range(50).Shuffle(50, seed: 2).ToList());
    }

    [Fact]
    public void Shuffle_SmallBufferStaysLocal()
    {
        // With a buffer of 2, element i can only come out at position i - 1 or later.
        var shuffled = Dataset.Range(20).Shuffle(2, seed: 9).ToList();

        for (int position = 0; position < shuffled.Count; position++)
        {
            Assert.True(shuffled[position] <= position + 1, $"element {shuffled[position]} at position {position}");
        }
    }

    [Fact]
    public void Shuffle_RejectsZeroBuffer()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.Range(5).Shuffle(0));
    }
}
