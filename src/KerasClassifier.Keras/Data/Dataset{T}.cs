using System.Collections;

namespace KerasClassifier.Keras.Data;

/// <summary>
/// A lazy, composable input pipeline with the semantics of <c>tf.data.Dataset</c>: operators return
/// new datasets and nothing runs until the dataset is enumerated.
/// </summary>
/// <remarks>
/// Each call to <see cref="GetEnumerator"/> starts a new pass (an epoch) from the beginning, so a
/// dataset can be enumerated any number of times. A pass started with a seed gives the same order in
/// every run of the program.
/// </remarks>
/// <typeparam name="T">Element type.</typeparam>
/// <example>
/// <code>
/// var train = Dataset.FromTensors(images, labels, 28, 28, 1)
///     .Shuffle(bufferSize: 1000, seed: 42)
///     .Batch(32);
/// foreach (ImageBatch batch in train) { /* one epoch */ }
/// </code>
/// </example>
public abstract class Dataset<T> : IEnumerable<T>
{
    /// <summary>
    /// Gets the number of elements one pass yields: a count of at least 0,
    /// <see cref="Dataset.InfiniteCardinality"/> or <see cref="Dataset.UnknownCardinality"/>.
    /// </summary>
    public abstract long Cardinality { get; }

    /// <summary>
    /// Starts a new pass over the dataset.
    /// </summary>
    /// <returns>An enumerator over one pass.</returns>
    public abstract IEnumerator<T> GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Randomly shuffles the elements through a buffer of <paramref name="bufferSize"/> elements, as
    /// <c>tf.data.Dataset.shuffle</c> does: a buffer at least as large as the dataset gives a uniform shuffle.
    /// </summary>
    /// <param name="bufferSize">Number of elements held and sampled from (at least 1).</param>
    /// <param name="seed">Seed for the order; null picks a random seed once, when this method is called.</param>
    /// <param name="reshuffleEachIteration">
    /// True (default) gives a different order on each pass, derived from the seed; false repeats the first order.
    /// </param>
    /// <returns>The shuffled dataset.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferSize"/> is less than 1.</exception>
    public Dataset<T> Shuffle(int bufferSize, int? seed = null, bool reshuffleEachIteration = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);

        return new ShuffleDataset<T>(this, bufferSize, seed ?? DatasetRandom.NewSeed(), reshuffleEachIteration);
    }

    /// <summary>
    /// Repeats the dataset <paramref name="count"/> times, or endlessly when <paramref name="count"/> is null.
    /// </summary>
    /// <param name="count">Number of passes (at least 0), or null to repeat forever.</param>
    /// <returns>The repeated dataset.</returns>
    /// <remarks>An endless repeat of a pass that yields nothing ends instead of looping forever.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public Dataset<T> Repeat(int? count = null)
    {
        if (count is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 0, or null to repeat forever.");
        }

        return new RepeatDataset<T>(this, count);
    }

    /// <summary>
    /// Yields at most the first <paramref name="count"/> elements of each pass.
    /// </summary>
    /// <param name="count">Number of elements to keep (at least 0); -1 keeps all, as in tf.data.</param>
    /// <returns>The truncated dataset.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than -1.</exception>
    public Dataset<T> Take(long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, -1);

        return new TakeDataset<T>(this, count);
    }

    /// <summary>
    /// Skips the first <paramref name="count"/> elements of each pass.
    /// </summary>
    /// <param name="count">Number of elements to drop (at least 0); -1 drops all, as in tf.data.</param>
    /// <returns>The dataset without its first elements.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than -1.</exception>
    public Dataset<T> Skip(long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, -1);

        return new SkipDataset<T>(this, count);
    }

    /// <summary>
    /// Applies <paramref name="func"/> to every element, as <c>tf.data.Dataset.map</c>.
    /// </summary>
    /// <typeparam name="TResult">Element type of the result.</typeparam>
    /// <param name="func">Function to apply; with several workers it runs on worker threads and must be thread-safe.</param>
    /// <param name="numParallelCalls">
    /// Worker threads: null or 1 (default) maps on the consuming thread; <see cref="Dataset.Autotune"/> uses one
    /// worker per processor.
    /// </param>
    /// <param name="deterministic">
    /// True (default) yields results in input order; false yields each result as soon as it is ready.
    /// </param>
    /// <returns>The mapped dataset.</returns>
    /// <remarks>An exception thrown by <paramref name="func"/> reaches the consumer at that element's place in the output.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numParallelCalls"/> is 0 or below -1.</exception>
    public Dataset<TResult> Map<TResult>(Func<T, TResult> func, int? numParallelCalls = null, bool deterministic = true)
    {
        ArgumentNullException.ThrowIfNull(func);

        return new MapDataset<T, TResult>(this, func, Dataset.ResolveParallelism(numParallelCalls, nameof(numParallelCalls)), deterministic);
    }

    /// <summary>
    /// Keeps the elements for which <paramref name="predicate"/> returns true, as <c>tf.data.Dataset.filter</c>.
    /// </summary>
    /// <param name="predicate">Test applied to each element on the consuming thread.</param>
    /// <returns>The filtered dataset; its cardinality is unknown unless the input is empty or infinite.</returns>
    public Dataset<T> Filter(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);

        return new FilterDataset<T>(this, predicate);
    }

    /// <summary>
    /// Keeps the elements of the first complete pass in memory and replays them on later passes,
    /// as <c>tf.data.Dataset.cache()</c>.
    /// </summary>
    /// <returns>The cached dataset.</returns>
    /// <remarks>
    /// A pass that stops early does not fill the cache. Put the cache before random augmentation: cached
    /// elements repeat exactly. Elements are kept by reference, so do not modify them after use.
    /// </remarks>
    public Dataset<T> Cache() => new MemoryCacheDataset<T>(this);

    /// <summary>
    /// Writes the elements of the first complete pass to <paramref name="filePath"/> and reads them from
    /// there on later passes, also in later runs, as <c>tf.data.Dataset.cache(filename)</c>.
    /// </summary>
    /// <param name="filePath">Cache file; written atomically once a pass completes.</param>
    /// <returns>The cached dataset.</returns>
    /// <remarks>
    /// An existing file is used as it is, so delete it when the data or the pipeline before the cache
    /// changes. Images are stored as float32: about 196 KB per 128x128 RGB image.
    /// Elements of type <see cref="ImageExample"/>, <see cref="ImageBatch"/>, int, long, float, double and
    /// string can be stored.
    /// </remarks>
    /// <exception cref="NotSupportedException">The element type cannot be stored in a file.</exception>
    public Dataset<T> Cache(string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);

        return new FileCacheDataset<T>(this, filePath, CacheSerializers.For<T>());
    }

    /// <summary>
    /// Produces up to <paramref name="bufferSize"/> elements ahead on a background thread, as
    /// <c>tf.data.Dataset.prefetch</c>, so that the pipeline works while the consumer trains.
    /// </summary>
    /// <param name="bufferSize">Elements to hold ready (at least 1); <see cref="Dataset.Autotune"/> picks 2.</param>
    /// <returns>The prefetching dataset.</returns>
    /// <remarks>Stop a pass by disposing its enumerator (foreach does); that stops the producer thread.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferSize"/> is 0 or below -1.</exception>
    public Dataset<T> Prefetch(int bufferSize)
    {
        if (bufferSize == Dataset.Autotune)
        {
            bufferSize = 2;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);

        return new PrefetchDataset<T>(this, bufferSize);
    }
}
