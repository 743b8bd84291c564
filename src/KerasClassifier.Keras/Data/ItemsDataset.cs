namespace KerasClassifier.Keras.Data;

/// <summary>
/// Dataset over an in-memory list.
/// </summary>
internal sealed class ItemsDataset<T>(IReadOnlyList<T> items) : Dataset<T>
{
    public override long Cardinality => items.Count;

    public override IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < items.Count; i++)
        {
            yield return items[i];
        }
    }
}
