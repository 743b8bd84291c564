using KerasClassifier.Keras.Data;

namespace KerasClassifier.Keras.Tests.Data;

public class RepeatTakeSkipTests
{
    [Fact]
    public void Repeat_Count()
    {
        Assert.Equal([0L, 1, 2, 0, 1, 2], Dataset.Range(3).Repeat(2));
        Assert.Equal(6, Dataset.Range(3).Repeat(2).Cardinality);
    }

    [Fact]
    public void Repeat_EndlessWithTake()
    {
        var endless = Dataset.Range(3).Repeat();

        Assert.Equal(Dataset.InfiniteCardinality, endless.Cardinality);
        Assert.Equal([0L, 1, 2, 0, 1, 2, 0], endless.Take(7));
        Assert.Equal(7, endless.Take(7).Cardinality);
    }

    [Fact]
    public void Repeat_EmptyEndlessEnds()
    {
        var endless = Dataset.Range(0).Repeat();

        Assert.Empty(endless);
        Assert.Equal(0, endless.Cardinality);
    }

    [Fact]
    public void Repeat_ZeroIsEmpty()
    {
        Assert.Empty(Dataset.Range(3).Repeat(0));
        Assert.Equal(0, Dataset.Range(3).Repeat(0).Cardinality);
    }

    [Fact]
    public void Repeat_ReshufflesEachPass()
    {
        var passes = Dataset.Range(20).Shuffle(20, seed: 4).Repeat(2).ToList();

        Assert.NotEqual(passes.Take(20), passes.Skip(20));
        Assert.Equal(passes.Take(20).Order(), passes.Skip(20).Order());
    }

    [Fact]
    public void Take_FirstElements()
    {
        Assert.Equal([0L, 1, 2], Dataset.Range(10).Take(3));
        Assert.Equal(3, Dataset.Range(10).Take(3).Cardinality);
        Assert.Equal(10, Dataset.Range(10).Take(-1).Count());
        Assert.Equal(10, Dataset.Range(10).Take(-1).Cardinality);
        Assert.Equal(5, Dataset.Range(5).Take(8).Cardinality);
        Assert.Empty(Dataset.Range(5).Take(0));
    }

    [Fact]
    public void Skip_DropsFirstElements()
    {
        Assert.Equal([7L, 8, 9], Dataset.Range(10).Skip(7));
        Assert.Equal(3, Dataset.Range(10).Skip(7).Cardinality);
        Assert.Equal(0, Dataset.Range(10).Skip(12).Cardinality);
        Assert.Empty(Dataset.Range(10).Skip(-1));
        Assert.Equal(0, Dataset.Range(10).Skip(-1).Cardinality);
    }

    [Fact]
    public void SkipTake_SplitWithoutOverlap()
    {
        var dataset = Dataset.Range(10).Shuffle(10, seed: 1, reshuffleEachIteration: false);

        var head = dataset.Take(7).ToList();
        var tail = dataset.Skip(7).ToList();

        Assert.Empty(head.Intersect(tail));
        Assert.Equal(10, head.Concat(tail).Distinct().Count());
    }

    [Fact]
    public void Cardinality_ThroughOperators()
    {
        Assert.Equal(Dataset.InfiniteCardinality, Dataset.Range(4).Repeat().Shuffle(8).Skip(3).Cardinality);
        Assert.Equal(12, Dataset.Range(4).Repeat().Take(12).Skip(0).Cardinality);
        Assert.Equal(3, Dataset.Range(4).Repeat(3).Skip(9).Cardinality);
    }

    [Fact]
    public void Operators_RejectInvalidCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.Range(3).Repeat(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.Range(3).Take(-2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.Range(3).Skip(-2));
    }
}
