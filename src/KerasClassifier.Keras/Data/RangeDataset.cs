namespace KerasClassifier.Keras.Data;

/// <summary>
/// Dataset of the integers 0 to count - 1.
/// </summary>
internal sealed class RangeDataset(long count) : Dataset<long>
{
    public override long Cardinality => count;

    public override IEnumerator<long> GetEnumerator()
    {
        for (long i = 0; i < count; i++)
        {
            yield return i;
        }
    }
}
