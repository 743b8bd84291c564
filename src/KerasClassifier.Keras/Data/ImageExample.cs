namespace KerasClassifier.Keras.Data;

/// <summary>
/// One decoded image with its label: pixels in (height, width, channels) order, RGB, values 0 to 255.
/// </summary>
public sealed class ImageExample
{
    private float[]? _pixels;

    /// <summary>
    /// Initializes a new instance of the <see cref="ImageExample"/> class.
    /// </summary>
    /// <param name="pixels">Pixels in HWC order; its length must be <c>height * width * channels</c>.</param>
    /// <param name="height">Image height in pixels (at least 1).</param>
    /// <param name="width">Image width in pixels (at least 1).</param>
    /// <param name="channels">Channels per pixel (at least 1; decoded images have 3).</param>
    /// <param name="label">Sparse class id, or -1 when the example has no label.</param>
    /// <param name="sourcePath">File the image was read from, or null for in-memory data.</param>
    /// <exception cref="ArgumentException">A size is not positive or the pixel count does not match.</exception>
    public ImageExample(float[] pixels, int height, int width, int channels, int label, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);

        long expected = (long)height * width * channels;
        if (pixels.LongLength != expected)
        {
            throw new ArgumentException(
                $"pixels has {pixels.LongLength} values but height {height} x width {width} x channels {channels} needs {expected}.",
                nameof(pixels));
        }

        _pixels = pixels;
        Height = height;
        Width = width;
        Channels = channels;
        Label = label;
        SourcePath = sourcePath;
    }

    /// <summary>Gets the pixels in (height, width, channels) order, values 0 to 255.</summary>
    /// <exception cref="ObjectDisposedException">A batch already took the pixels and recycled their array.</exception>
    public float[] Pixels => _pixels ?? throw new ObjectDisposedException(
        nameof(ImageExample), $"The pixels of image '{SourcePath ?? "(in memory)"}' were recycled after batching; read them before Batch(), or Cache() the dataset first.");

    /// <summary>Gets or sets a value indicating whether <see cref="Pixels"/> came from <see cref="PixelBufferPool"/> and no cache keeps the example.</summary>
    internal bool OwnsPooledPixels { get; set; }

    /// <summary>Gets the image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Gets the image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Gets the number of channels per pixel.</summary>
    public int Channels { get; }

    /// <summary>Gets the sparse class id, or -1 for an unlabelled example.</summary>
    public int Label { get; }

    /// <summary>Gets the file the image was decoded from, or null for in-memory data.</summary>
    public string? SourcePath { get; }

    /// <summary>Returns pooled pixels for reuse once a batch has copied them; other examples keep theirs.</summary>
    internal void ReleasePooledPixels()
    {
        if (OwnsPooledPixels && _pixels is { } pixels)
        {
            OwnsPooledPixels = false;
            _pixels = null;
            PixelBufferPool.Return(pixels);
        }
    }
}
