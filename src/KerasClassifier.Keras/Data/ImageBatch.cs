namespace KerasClassifier.Keras.Data;

/// <summary>
/// A batch of images of one size with their sparse labels, laid out as Keras's
/// <c>image_dataset_from_directory</c> yields them: (batch, height, width, channels), values 0 to 255.
/// </summary>
public sealed class ImageBatch
{
    /// <summary>
    /// Initializes a new instance of the <see cref="ImageBatch"/> class.
    /// </summary>
    /// <param name="images">Pixels in NHWC row-major order; length <c>count * height * width * channels</c>.</param>
    /// <param name="labels">One sparse class id per image; length <paramref name="count"/>.</param>
    /// <param name="count">Number of images in the batch (at least 1).</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="channels">Channels per pixel.</param>
    /// <param name="sourcePaths">Optional file of each image, for error messages and inspection.</param>
    /// <exception cref="ArgumentException">A size is not positive or an array length does not match.</exception>
    public ImageBatch(
        float[] images,
        int[] labels,
        int count,
        int height,
        int width,
        int channels,
        IReadOnlyList<string?>? sourcePaths = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);

        long expected = (long)count * height * width * channels;
        if (images.LongLength != expected)
        {
            throw new ArgumentException(
                $"images has {images.LongLength} values but {count} images of {height}x{width}x{channels} need {expected}.",
                nameof(images));
        }

        if (labels.Length != count)
        {
            throw new ArgumentException($"labels has {labels.Length} values; expected one per image ({count}).", nameof(labels));
        }

        if (sourcePaths is not null && sourcePaths.Count != count)
        {
            throw new ArgumentException($"sourcePaths has {sourcePaths.Count} entries; expected one per image ({count}).", nameof(sourcePaths));
        }

        Images = images;
        Labels = labels;
        Count = count;
        Height = height;
        Width = width;
        Channels = channels;
        SourcePaths = sourcePaths;
    }

    /// <summary>Gets the pixels in (batch, height, width, channels) row-major order, values 0 to 255.</summary>
    public float[] Images { get; }

    /// <summary>Gets the sparse class id of each image.</summary>
    public int[] Labels { get; }

    /// <summary>Gets the number of images in the batch.</summary>
    public int Count { get; }

    /// <summary>Gets the image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Gets the image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Gets the number of channels per pixel.</summary>
    public int Channels { get; }

    /// <summary>Gets the file of each image, or null when the batch came from in-memory data.</summary>
    public IReadOnlyList<string?>? SourcePaths { get; }
}
