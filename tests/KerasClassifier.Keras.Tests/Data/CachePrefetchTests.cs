using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Data;

public class CachePrefetchTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Cache_SecondPassSkipsMap()
    {
        int calls = 0;
        var cached = Dataset.Range(10).Map(x => { calls++; return x * 2; }).Cache();

        var first = cached.ToList();
        int callsAfterFirst = calls;
        var second = cached.ToList();

        Assert.Equal(10, callsAfterFirst);
        Assert.Equal(10, calls);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Cache_SecondPassSkipsDecoder()
    {
        var decoder = new CountingDecoder();
        var loader = new ImageLoader(decoder, new ImageResizeOptions(2, 2, ImageInterpolation.Bilinear, false));
        var files = Dataset.FromItems(Enumerable.Range(0, 6).Select(i => new ImageFile($"image{i}.png", i % 2)).ToList());
        var cached = new ImageLoadDataset(files, loader, workers: 2).Cache().Batch(4);

        Assert.Equal([4, 2], cached.Select(b => b.Count));
        Assert.Equal(6, decoder.Calls);

        Assert.Equal([4, 2], cached.Select(b => b.Count));
        Assert.Equal(6, decoder.Calls);
    }

    [Fact]
    public void Cache_PartialPassNotCached()
    {
        int calls = 0;
        var cached = Dataset.Range(10).Map(x => { calls++; return x; }).Cache();

        Assert.Equal([0L, 1, 2], cached.Take(3));
        Assert.Equal(10, cached.Count());
        Assert.Equal(10, cached.Count());
        Assert.Equal(13, calls);
    }

    [Fact]
    public void CacheFile_ReusedAcrossRuns()
    {
        string path = _temp.File("cache/images.bin");
        int calls = 0;
        Dataset<ImageExample> Pipeline() => Dataset.Range(5)
            .Map(i => { calls++; return new ImageExample([i, i + 0.5f, -i], 1, 1, 3, (int)i, $"img{i}.png"); })
            .Cache(path);

        var first = Pipeline().ToList();
        var second = Pipeline().ToList();

        Assert.Equal(5, calls);
        Assert.True(File.Exists(path));
        Assert.Equal(first.Select(e => e.Pixels), second.Select(e => e.Pixels));
        Assert.Equal(first.Select(e => e.Label), second.Select(e => e.Label));
        Assert.Equal(first.Select(e => e.SourcePath), second.Select(e => e.SourcePath));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void CacheFile_StoresBatches()
    {
        string path = _temp.File("batches.bin");
        var images = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();
        var batches = Dataset.FromTensors(images, [0, 2, 1, 2], 1, 1, 3).Batch(3, labelMode: "categorical", numClasses: 3).Cache(path);

        var written = batches.ToList();
        var read = batches.ToList();

        Assert.Equal(written.Select(b => b.Images), read.Select(b => b.Images));
        Assert.Equal(written.Select(b => b.Labels), read.Select(b => b.Labels));
        Assert.Equal(written.Select(b => b.CategoricalLabels), read.Select(b => b.CategoricalLabels));
        Assert.Equal("categorical", read[1].LabelMode);
    }

    [Fact]
    public void CacheFile_PartialPassLeavesNoFile()
    {
        string path = _temp.File("partial.bin");
        var cached = Dataset.Range(10).Cache(path);

        Assert.Equal([0L, 1], cached.Take(2));

        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void CacheFile_WrongTypeRejected()
    {
        string path = _temp.File("numbers.bin");
        Dataset.Range(3).Cache(path).Count();

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromItems(["a"]).Cache(path).Count());

        Assert.Contains(path, error.Message);
        Assert.Contains("long", error.Message);
    }

    [Fact]
    public void CacheFile_TruncatedRejected()
    {
        string path = _temp.File("numbers.bin");
        Dataset.Range(100).Cache(path).Count();
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 20)]);

        var error = Assert.Throws<InvalidDataException>(() => Dataset.Range(100).Cache(path).Count());

        Assert.Contains("truncated", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void CacheFile_UnsupportedType()
    {
        var error = Assert.Throws<NotSupportedException>(() => Dataset.FromItems([DateTime.Now]).Cache(_temp.File("dates.bin")));

        Assert.Contains("DateTime", error.Message);
    }

    [Fact]
    public void Prefetch_YieldsAllInOrder()
    {
        var prefetched = Dataset.Range(100).Prefetch(3);

        Assert.Equal(Enumerable.Range(0, 100).Select(x => (long)x), prefetched);
        Assert.Equal(100, prefetched.Cardinality);
    }

    [Fact]
    public void Prefetch_RunsAheadBounded()
    {
        const int bufferSize = 3;
        var source = new CountingRange(1000);
        using IEnumerator<long> pass = source.Prefetch(bufferSize).GetEnumerator();

        for (int consumed = 1; consumed <= 20; consumed++)
        {
            Assert.True(pass.MoveNext());

            // The producer fills the buffer and keeps one more element in hand while it waits for space.
            int expected = consumed + bufferSize + 1;
            Assert.True(SpinWait.SpinUntil(() => source.Produced >= expected, TimeSpan.FromSeconds(30)), $"produced {source.Produced}");
            Assert.Equal(expected, source.Produced);
        }
    }

    [Fact]
    public void Prefetch_EarlyStopDisposesSource()
    {
        var source = new CountingRange(1000);

        Assert.Equal([0L, 1], source.Prefetch(2).Take(2));
        Assert.Equal(1, source.Disposed);
    }

    [Fact]
    public void Prefetch_ExceptionReachesConsumer()
    {
        var failing = Dataset.Range(10).Map(x => x == 4 ? throw new InvalidDataException("element 4") : x).Prefetch(2);
        var seen = new List<long>();

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (long value in failing)
            {
                seen.Add(value);
            }
        });

        Assert.Equal("element 4", error.Message);
        Assert.Equal([0L, 1, 2, 3], seen);
    }

    [Fact]
    public void Prefetch_Autotune()
    {
        Assert.Equal(5, Dataset.Range(5).Prefetch(Dataset.Autotune).Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.Range(5).Prefetch(0));
    }

    /// <summary>Range source that counts the elements it produced and the passes disposed.</summary>
    private sealed class CountingRange(long count) : Dataset<long>
    {
        private int _produced;
        private int _disposed;

        public int Produced => Volatile.Read(ref _produced);

        public int Disposed => Volatile.Read(ref _disposed);

        public override long Cardinality => count;

        public override IEnumerator<long> GetEnumerator()
        {
            try
            {
                for (long i = 0; i < count; i++)
                {
                    Interlocked.Increment(ref _produced);
                    yield return i;
                }
            }
            finally
            {
                Interlocked.Increment(ref _disposed);
            }
        }
    }

    /// <summary>Decoder that returns a grey image and counts its calls.</summary>
    private sealed class CountingDecoder : IImageDecoder
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public float[] Decode(string path, ImageResizeOptions resize)
        {
            Interlocked.Increment(ref _calls);

            return Enumerable.Repeat(128f, resize.Height * resize.Width * 3).ToArray();
        }
    }
}
