namespace KerasClassifier.Keras.Data;

/// <summary>
/// Creates datasets from folders, list files and arrays, and holds the cardinality constants.
/// </summary>
public static partial class Dataset
{
    /// <summary>Cardinality of a dataset that never ends, as <c>tf.data.INFINITE_CARDINALITY</c>.</summary>
    public const long InfiniteCardinality = -1;

    /// <summary>Cardinality of a dataset whose length is not known in advance, as <c>tf.data.UNKNOWN_CARDINALITY</c>.</summary>
    public const long UnknownCardinality = -2;

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
}
