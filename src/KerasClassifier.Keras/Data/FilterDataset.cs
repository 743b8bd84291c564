namespace KerasClassifier.Keras.Data;

/// <summary>
/// Keeps the elements for which a predicate returns true.
/// </summary>
internal sealed class FilterDataset<T>(Dataset<T> input, Func<T, bool> predicate) : Dataset<T>
{
    /// <remarks>Unknown unless the input is infinite or empty, as in tf.data, because the predicate is not run in advance.</remarks>
    public override long Cardinality => input.Cardinality switch
    {
        0 => 0,
        Dataset.InfiniteCardinality => Dataset.InfiniteCardinality,
        _ => Dataset.UnknownCardinality,
    };

    public override IEnumerator<T> GetEnumerator()
    {
        foreach (T item in input)
        {
            if (predicate(item))
            {
                yield return item;
            }
        }
    }
}
