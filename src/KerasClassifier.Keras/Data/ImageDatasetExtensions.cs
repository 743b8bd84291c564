namespace KerasClassifier.Keras.Data;

/// <summary>
/// Operators that only apply to datasets of images.
/// </summary>
public static class ImageDatasetExtensions
{
    /// <summary>
    /// Combines consecutive images into batches, as <c>tf.data.Dataset.batch</c>.
    /// </summary>
    /// <param name="source">Dataset of images that all have the same height, width and channels.</param>
    /// <param name="batchSize">Images per batch (at least 1).</param>
    /// <param name="dropRemainder">
    /// True drops a last batch smaller than <paramref name="batchSize"/>; false (default) yields it.
    /// </param>
    /// <returns>A dataset of batches.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is less than 1.</exception>
    /// <remarks>Enumeration throws <see cref="InvalidOperationException"/> when two images of one batch differ in size.</remarks>
    public static Dataset<ImageBatch> Batch(this Dataset<ImageExample> source, int batchSize, bool dropRemainder = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        return new BatchDataset(source, batchSize, dropRemainder);
    }
}
