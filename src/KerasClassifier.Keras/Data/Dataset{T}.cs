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
}
