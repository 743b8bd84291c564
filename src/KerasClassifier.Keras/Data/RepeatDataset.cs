namespace KerasClassifier.Keras.Data;

/// <summary>
/// Repeats its input a fixed number of times, or forever when the count is null.
/// </summary>
internal sealed class RepeatDataset<T>(Dataset<T> input, int? count) : Dataset<T>
{
    public override long Cardinality
    {
        get
        {
            long n = input.Cardinality;
            if (count is null)
            {
                return n == 0 ? 0 : Dataset.InfiniteCardinality;
            }

            if (count == 0 || n == 0)
            {
                return 0;
            }

            return n < 0 ? n : n * count.Value;
        }
    }

    public override IEnumerator<T> GetEnumerator()
    {
        for (long pass = 0; count is null || pass < count; pass++)
        {
            bool yielded = false;
            foreach (T item in input)
            {
                yielded = true;
                yield return item;
            }

            // An empty pass would make an endless repeat spin forever, so it ends the repeat, as in tf.data.
            if (!yielded)
            {
                yield break;
            }
        }
    }
}
