namespace KerasClassifier.Keras.Data;

/// <summary>
/// Applies a function to every element, on the calling thread or on worker threads.
/// </summary>
internal sealed class MapDataset<TSource, TResult>(
    Dataset<TSource> input,
    Func<TSource, TResult> func,
    int workers,
    bool deterministic) : Dataset<TResult>
{
    public override long Cardinality => input.Cardinality;

    public override IEnumerator<TResult> GetEnumerator()
    {
        if (workers <= 1)
        {
            return MapSequentially();
        }

        return new ParallelMapEnumerator<TSource, TResult>(input.GetEnumerator(), func, workers, deterministic);
    }

    private IEnumerator<TResult> MapSequentially()
    {
        foreach (TSource item in input)
        {
            yield return func(item);
        }
    }
}
