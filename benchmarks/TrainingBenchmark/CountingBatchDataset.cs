using KerasClassifier.Keras.Data;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// Passes the batches of a dataset through and counts the passes opened and the images yielded, so
/// that a stage placed right after the decoding source counts the images decoded.
/// </summary>
/// <param name="input">The dataset to count, usually one from <see cref="Dataset.FromDirectory"/>.</param>
internal sealed class CountingBatchDataset(Dataset<ImageBatch> input) : Dataset<ImageBatch>
{
    private long passes;
    private long images;

    /// <summary>Gets the passes opened so far.</summary>
    public long Passes => Interlocked.Read(ref passes);

    /// <summary>Gets the images yielded so far.</summary>
    public long Images => Interlocked.Read(ref images);

    /// <inheritdoc/>
    public override long Cardinality => input.Cardinality;

    /// <inheritdoc/>
    public override IEnumerator<ImageBatch> GetEnumerator()
    {
        Interlocked.Increment(ref passes);
        return CountImages();
    }

    private IEnumerator<ImageBatch> CountImages()
    {
        foreach (var batch in input)
        {
            Interlocked.Add(ref images, batch.Count);
            yield return batch;
        }
    }
}
