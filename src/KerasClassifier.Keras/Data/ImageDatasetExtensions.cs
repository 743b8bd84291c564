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
    /// <param name="labelMode">
    /// Label mode stored in each batch: "int" (default, sparse ids), "categorical" (also one-hot labels,
    /// needs <paramref name="numClasses"/>) or "binary" (ids 0 and 1 only).
    /// </param>
    /// <param name="numClasses">Number of classes; required for "categorical", otherwise 0 when unknown.</param>
    /// <returns>A dataset of batches.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="labelMode"/> is invalid, or "categorical" lacks <paramref name="numClasses"/>.</exception>
    /// <remarks>
    /// Enumeration throws <see cref="InvalidOperationException"/> when two images of one batch differ in
    /// size, and <see cref="ArgumentException"/> when a label does not fit the label mode. Images decoded
    /// from files hand their pixel arrays back for reuse once a batch has copied them, so such an
    /// <see cref="ImageExample"/> kept past batching throws <see cref="ObjectDisposedException"/>
    /// when read; <see cref="Dataset{T}.Cache()"/> before batching keeps them.
    /// </remarks>
    public static Dataset<ImageBatch> Batch(
        this Dataset<ImageExample> source,
        int batchSize,
        bool dropRemainder = false,
        string labelMode = "int",
        int numClasses = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(numClasses);
        if (labelMode is not ("int" or "categorical" or "binary"))
        {
            throw new ArgumentException(
                $"labelMode '{labelMode}' is not valid; expected \"int\", \"categorical\" or \"binary\".", nameof(labelMode));
        }

        if (labelMode == "categorical" && numClasses < 1)
        {
            throw new ArgumentException("labelMode \"categorical\" needs numClasses of at least 1.", nameof(numClasses));
        }

        return new BatchDataset(source, batchSize, dropRemainder, labelMode, numClasses);
    }
}
