namespace KerasClassifier.Keras.Data;

/// <summary>
/// Drops the first count elements of each pass; count -1 drops all.
/// </summary>
internal sealed class SkipDataset<T>(Dataset<T> input, long count) : Dataset<T>
{
    public override long Cardinality
    {
        get
        {
            long n = input.Cardinality;
            if (n < 0)
            {
                return n;
            }

            return count == -1 ? 0 : Math.Max(0, n - count);
        }
    }

    public override IEnumerator<T> GetEnumerator()
    {
        long skipped = 0;
        foreach (T item in input)
        {
            if (count == -1)
            {
                continue;
            }

            if (skipped < count)
            {
                skipped++;
                continue;
            }

            yield return item;
        }
    }
}
