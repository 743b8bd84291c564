namespace KerasClassifier.Keras.Data;

/// <summary>
/// Keeps the elements of the first complete pass in memory and replays them on later passes.
/// </summary>
/// <remarks>
/// As in tf.data, a pass that stops early (for example under <c>Take</c>) does not fill the cache, so
/// the next pass reads the input again. Elements are stored by reference, so a consumer that changes an
/// element's arrays changes the cached copy.
/// </remarks>
internal sealed class MemoryCacheDataset<T>(Dataset<T> input) : Dataset<T>
{
    private volatile List<T>? _cached;

    public override long Cardinality => input.Cardinality;

    public override IEnumerator<T> GetEnumerator()
    {
        List<T>? cached = _cached;

        return cached is not null ? cached.GetEnumerator() : FillCache();
    }

    private IEnumerator<T> FillCache()
    {
        var elements = new List<T>();
        foreach (T item in input)
        {
            // The cache keeps the element for later passes, so no batch or step may recycle its pixels.
            KeepPixels(item);
            elements.Add(item);
            yield return item;
        }

        _cached ??= elements;
    }

    private static void KeepPixels(T item)
    {
        switch (item)
        {
            case ImageExample example:
                example.OwnsPooledPixels = false;
                break;
            case ImageBatch batch:
                batch.OwnsPooledImages = false;
                break;
        }
    }
}
