namespace KerasClassifier.Keras.Data;

/// <summary>
/// A batch of images of one size with their sparse labels, laid out as Keras's
/// <c>image_dataset_from_directory</c> yields them: (batch, height, width, channels), values 0 to 255.
/// </summary>
public sealed class ImageBatch
{
    private float[]? _images;

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
    /// <param name="labelMode">
    /// How the model should read the labels, as Keras's <c>label_mode</c>: "int" (sparse ids, default),
    /// "categorical" (one-hot, see <see cref="CategoricalLabels"/>) or "binary" (ids 0 and 1).
    /// </param>
    /// <param name="numClasses">Number of classes; required for "categorical", otherwise 0 when unknown.</param>
    /// <exception cref="ArgumentException">A size is not positive, an array length does not match, or a label does not fit the label mode.</exception>
    public ImageBatch(
        float[] images,
        int[] labels,
        int count,
        int height,
        int width,
        int channels,
        IReadOnlyList<string?>? sourcePaths = null,
        string labelMode = "int",
        int numClasses = 0)
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

        ArgumentOutOfRangeException.ThrowIfNegative(numClasses);
        CategoricalLabels = EncodeLabels(labels, labelMode, numClasses);

        _images = images;
        Labels = labels;
        LabelMode = labelMode;
        NumClasses = numClasses;
        Count = count;
        Height = height;
        Width = width;
        Channels = channels;
        SourcePaths = sourcePaths;
    }

    /// <summary>Gets the pixels in (batch, height, width, channels) row-major order, values 0 to 255.</summary>
    /// <exception cref="ObjectDisposedException">Training already used the batch and recycled its array.</exception>
    public float[] Images => _images ?? throw new ObjectDisposedException(
        nameof(ImageBatch), "The pixels of this batch were recycled after a training or prediction step used them; copy them before the step ends.");

    /// <summary>Gets or sets a value indicating whether <see cref="Images"/> came from <see cref="PixelBufferPool"/> and no cache keeps the batch.</summary>
    internal bool OwnsPooledImages { get; set; }

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

    /// <summary>Gets the label mode: "int", "categorical" or "binary".</summary>
    public string LabelMode { get; }

    /// <summary>Gets the number of classes, or 0 when the source did not state it.</summary>
    public int NumClasses { get; }

    /// <summary>
    /// Gets the one-hot labels, shape (count, <see cref="NumClasses"/>) row-major, when
    /// <see cref="LabelMode"/> is "categorical"; otherwise null.
    /// </summary>
    public float[]? CategoricalLabels { get; }

    private static float[]? EncodeLabels(int[] labels, string labelMode, int numClasses)
    {
        switch (labelMode)
        {
            case "int":
                return null;
            case "binary":
                int notBinary = Array.FindIndex(labels, label => label is not (0 or 1));
                if (notBinary >= 0)
                {
                    throw new ArgumentException(
                        $"labelMode \"binary\" needs labels 0 or 1; the label at index {notBinary} is {labels[notBinary]}.", nameof(labels));
                }

                return null;
            case "categorical":
                if (numClasses < 1)
                {
                    throw new ArgumentException("labelMode \"categorical\" needs numClasses of at least 1.", nameof(numClasses));
                }

                var oneHot = new float[labels.Length * numClasses];
                for (int i = 0; i < labels.Length; i++)
                {
                    if (labels[i] < 0 || labels[i] >= numClasses)
                    {
                        throw new ArgumentException(
                            $"the label at index {i} is {labels[i]}; expected 0 to {numClasses - 1} for {numClasses} classes.", nameof(labels));
                    }

                    oneHot[(i * numClasses) + labels[i]] = 1f;
                }

                return oneHot;
            default:
                throw new ArgumentException(
                    $"labelMode '{labelMode}' is not valid; expected \"int\", \"categorical\" or \"binary\".", nameof(labelMode));
        }
    }

    /// <summary>Returns pooled pixels for reuse once a step has copied them; other batches keep theirs.</summary>
    internal void ReleasePooledImages()
    {
        if (OwnsPooledImages && _images is { } images)
        {
            OwnsPooledImages = false;
            _images = null;
            PixelBufferPool.Return(images);
        }
    }
}
