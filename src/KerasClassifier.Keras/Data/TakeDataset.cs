namespace KerasClassifier.Keras.Data;

/// <summary>
/// Yields at most the first count elements of each pass; count -1 yields all.
/// </summary>
internal sealed class TakeDataset<T>(Dataset<T> input, long count) : Dataset<T>
{
    public override long Cardinality
    {
        get
        {
            long n = input.Cardinality;
            if (count == -1)
            {
                return n;
            }

            if (n == Dataset.InfiniteCardinality)
            {
                return count;
            }

            return n == Dataset.UnknownCardinality ? n : Math.Min(n, count);
        }
    }

    public override IEnumerator<T> GetEnumerator()
    {
        if (count == 0)
        {
            yield break;
        }

        long taken = 0;
        foreach (T item in input)
        {
            yield return item;

            taken++;
            if (count != -1 && taken >= count)
            {
                yield break;
            }
        }
    }
}
