using System.Collections.Concurrent;

namespace KerasClassifier.Keras.Data;

/// <summary>
/// Decodes image files for a source dataset, skipping unreadable files and reporting each one once.
/// </summary>
/// <remarks>
/// A file that fails once is remembered and skipped without another attempt on later passes, so every
/// pass yields the same elements and each bad file raises one warning. Safe to call from several threads.
/// </remarks>
internal sealed class ImageLoader(IImageDecoder decoder, ImageResizeOptions resize)
{
    private readonly ConcurrentDictionary<string, string> _skipped = new(StringComparer.Ordinal);

    /// <summary>Raised once for each file that is skipped; may be raised on a worker thread.</summary>
    public event EventHandler<DatasetWarningEventArgs>? Warning;

    /// <summary>Gets the number of distinct files skipped so far.</summary>
    public int SkippedCount => _skipped.Count;

    /// <summary>Gets the files skipped so far with the reason for each.</summary>
    public IReadOnlyDictionary<string, string> SkippedFiles => new Dictionary<string, string>(_skipped, StringComparer.Ordinal);

    /// <summary>
    /// Decodes one file, or returns null and raises <see cref="Warning"/> when it cannot be read.
    /// </summary>
    /// <param name="file">File and label.</param>
    /// <param name="sender">Object reported as the sender of the warning.</param>
    public ImageExample? TryLoad(ImageFile file, object sender)
    {
        if (_skipped.ContainsKey(file.Path))
        {
            return null;
        }

        try
        {
            float[] pixels = decoder.Decode(file.Path, resize);

            // Decoders hand over a new array, so a batch may recycle it once it has copied the pixels.
            return new ImageExample(pixels, resize.Height, resize.Width, 3, file.Label, file.Path) { OwnsPooledPixels = true };
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            string reason = exception.Message;
            if (_skipped.TryAdd(file.Path, reason))
            {
                string message = $"skipped unreadable image {file.Path}: {reason}";
                Warning?.Invoke(sender, new DatasetWarningEventArgs(message, file.Path, reason, exception));
            }

            return null;
        }
    }
}
