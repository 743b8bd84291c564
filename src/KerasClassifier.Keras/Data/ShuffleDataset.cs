namespace KerasClassifier.Keras.Data;

/// <summary>
/// Buffered random shuffle with tf.data's algorithm: fill a buffer, then repeatedly yield a random
/// buffer slot and refill it from the input.
/// </summary>
internal sealed class ShuffleDataset<T>(Dataset<T> input, int bufferSize, int seed, bool reshuffleEachIteration)
    : Dataset<T>
{
    private long _passes;

    public override long Cardinality => input.Cardinality;

    public override IEnumerator<T> GetEnumerator()
    {
        long pass = Interlocked.Increment(ref _passes) - 1;
        int passSeed = DatasetRandom.Derive(seed, reshuffleEachIteration ? pass : 0);

        return Enumerate(DatasetRandom.Create(passSeed));
    }

    private IEnumerator<T> Enumerate(Random random)
    {
        var buffer = new List<T>(InitialCapacity());
        using IEnumerator<T> source = input.GetEnumerator();

        bool more = true;
        while (more && buffer.Count < bufferSize)
        {
            more = source.MoveNext();
            if (more)
            {
                buffer.Add(source.Current);
            }
        }

        // Steady state: yield a random slot and refill it with the next input element.
        while (more)
        {
            int index = random.Next(buffer.Count);
            T picked = buffer[index];

            more = source.MoveNext();
            if (more)
            {
                buffer[index] = source.Current;
            }
            else
            {
                buffer[index] = buffer[^1];
                buffer.RemoveAt(buffer.Count - 1);
            }

            yield return picked;
        }

        // Drain what is left once the input is exhausted.
        while (buffer.Count > 0)
        {
            int index = random.Next(buffer.Count);
            T picked = buffer[index];
            buffer[index] = buffer[^1];
            buffer.RemoveAt(buffer.Count - 1);

            yield return picked;
        }
    }

    private int InitialCapacity()
    {
        long known = input.Cardinality;

        return known >= 0 ? (int)Math.Min(known, bufferSize) : Math.Min(bufferSize, 1024);
    }
}
