using KerasClassifier.Keras.Data;

namespace KerasClassifier.Keras.Tests.Data;

public class MapFilterTests
{
    [Fact]
    public void Map_Sequential()
    {
        var squares = Dataset.Range(5).Map(x => x * x);

        Assert.Equal([0L, 1, 4, 9, 16], squares);
        Assert.Equal(5, squares.Cardinality);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(Dataset.Autotune)]
    public void Map_ParallelKeepsOrder(int workers)
    {
        // Uneven work per element makes later elements finish before earlier ones.
        var mapped = Dataset.Range(200).Map(x => SlowSquare(x, x % 7 == 0 ? 20_000 : 10), numParallelCalls: workers);

        Assert.Equal(Enumerable.Range(0, 200).Select(x => (long)x * x), mapped.ToList());
        Assert.Equal(Enumerable.Range(0, 200).Select(x => (long)x * x), mapped.ToList());
    }

    [Fact]
    public void Map_ParallelUsesWorkerThreads()
    {
        int callerThread = Environment.CurrentManagedThreadId;
        var threads = Dataset.Range(50).Map(_ => Environment.CurrentManagedThreadId, numParallelCalls: 3).ToList();

        Assert.DoesNotContain(callerThread, threads);
    }

    [Fact]
    public void Map_NonDeterministicKeepsAll()
    {
        var mapped = Dataset.Range(100).Map(x => SlowSquare(x, x % 5 == 0 ? 20_000 : 10), numParallelCalls: 3, deterministic: false).ToList();

        Assert.Equal(Enumerable.Range(0, 100).Select(x => (long)x * x), mapped.Order());
    }

    [Fact]
    public void Map_ExceptionReachesConsumer()
    {
        var mapped = Dataset.Range(20).Map(x => x == 13 ? throw new InvalidOperationException("bad element 13") : x, numParallelCalls: 2);
        var seen = new List<long>();

        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (long value in mapped)
            {
                seen.Add(value);
            }
        });

        Assert.Equal("bad element 13", error.Message);
        Assert.Equal(Enumerable.Range(0, 13).Select(x => (long)x), seen);
    }

    [Fact]
    public void Map_EarlyStopEndsWorkers()
    {
        int calls = 0;
        var mapped = Dataset.Range(1000).Map(x => { Interlocked.Increment(ref calls); return x; }, numParallelCalls: 2);

        Assert.Equal([0L, 1, 2], mapped.Take(3));

        // Workers stop within their look-ahead window (2 per worker) plus the element each holds.
        Assert.InRange(Volatile.Read(ref calls), 3, 3 + 4 + 2);
    }

    [Fact]
    public void Map_RejectsZeroWorkers()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.Range(3).Map(x => x, numParallelCalls: 0));
    }

    [Fact]
    public void Filter_KeepsMatches()
    {
        var even = Dataset.Range(10).Filter(x => x % 2 == 0);

        Assert.Equal([0L, 2, 4, 6, 8], even);
        Assert.Equal(Dataset.UnknownCardinality, even.Cardinality);
        Assert.Equal(Dataset.InfiniteCardinality, Dataset.Range(3).Repeat().Filter(x => x > 0).Cardinality);
        Assert.Equal(Dataset.UnknownCardinality, even.Repeat(2).Cardinality);
    }

    private static long SlowSquare(long x, int spins)
    {
        Thread.SpinWait(spins);

        return x * x;
    }
}
