namespace KerasClassifier.Keras.Data;

/// <summary>
/// Creates datasets from folders, list files and arrays, and defines the cardinality constants.
/// </summary>
public static partial class Dataset
{
    /// <summary>Cardinality of a dataset that never ends, as <c>tf.data.INFINITE_CARDINALITY</c>.</summary>
    public const long InfiniteCardinality = -1;

    /// <summary>Cardinality of a dataset whose length is not known in advance, as <c>tf.data.UNKNOWN_CARDINALITY</c>.</summary>
    public const long UnknownCardinality = -2;

    /// <summary>
    /// Value for <c>numParallelCalls</c> and <c>bufferSize</c> that lets the pipeline choose, as <c>tf.data.AUTOTUNE</c>:
    /// one worker per processor for Map, two elements for Prefetch.
    /// </summary>
    public const int Autotune = -1;

    /// <summary>
    /// Creates a dataset over the items of a list, in list order.
    /// </summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="items">Items to yield; the list is read on each pass, not copied.</param>
    /// <returns>A dataset with cardinality <c>items.Count</c>.</returns>
    public static Dataset<T> FromItems<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);

        return new ItemsDataset<T>(items);
    }

    /// <summary>
    /// Creates a dataset of the integers 0 to <paramref name="count"/> - 1, as <c>tf.data.Dataset.range</c>.
    /// </summary>
    /// <param name="count">Number of integers (at least 0).</param>
    /// <returns>A dataset with cardinality <paramref name="count"/>.</returns>
    public static Dataset<long> Range(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        return new RangeDataset(count);
    }

    /// <summary>
    /// Converts a <c>numParallelCalls</c> argument to a worker count (1 means the consuming thread).
    /// </summary>
    internal static int ResolveParallelism(int? numParallelCalls, string paramName)
    {
        if (numParallelCalls is null)
        {
            return 1;
        }

        if (numParallelCalls == Autotune)
        {
            return Environment.ProcessorCount;
        }

        if (numParallelCalls < 1)
        {
            throw new ArgumentOutOfRangeException(
                paramName, numParallelCalls, "numParallelCalls must be at least 1, Dataset.Autotune (-1) or null.");
        }

        return numParallelCalls.Value;
    }
}
