using System.Globalization;
using System.Text;
using KerasClassifier.Keras.Data;
using SkiaSharp;

namespace KerasClassifier.Interactive;

/// <summary>
/// Images of a batch with their labels, and optionally the predicted classes, displayed as a grid of
/// inline PNG images.
/// </summary>
public sealed class ImageGrid
{
    private readonly ImageBatch batch;
    private readonly IReadOnlyList<string>? classNames;
    private readonly IReadOnlyList<int>? predictions;
    private readonly int count;

    /// <summary>Initializes a new instance of the <see cref="ImageGrid"/> class.</summary>
    /// <param name="batch">The images, 0 to 255 per channel, with 1 or 3 channels.</param>
    /// <param name="classNames">The class names for the captions; null shows class indices.</param>
    /// <param name="predictions">The predicted class of each image; null shows only the labels.</param>
    /// <param name="maxImages">The maximum number of images shown, from the start of the batch (default 16).</param>
    /// <exception cref="ArgumentException">The batch has neither 1 nor 3 channels, or predictions has fewer entries than the images shown.</exception>
    public ImageGrid(ImageBatch batch, IReadOnlyList<string>? classNames = null, IReadOnlyList<int>? predictions = null, int maxImages = 16)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxImages, 1);
        if (batch.Channels is not (1 or 3))
        {
            throw new ArgumentException($"The batch has {batch.Channels} channels; expected 1 (grayscale) or 3 (RGB).", nameof(batch));
        }

        count = Math.Min(batch.Count, maxImages);
        if (predictions is not null && predictions.Count < count)
        {
            throw new ArgumentException($"predictions has {predictions.Count} entries; expected at least one per image shown ({count}).", nameof(predictions));
        }

        this.batch = batch;
        this.classNames = classNames;
        this.predictions = predictions;
    }

    /// <summary>Encodes one image of the batch as PNG.</summary>
    /// <param name="index">The image index in the batch.</param>
    /// <returns>The PNG bytes.</returns>
    public byte[] EncodePng(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, batch.Count);

        int height = batch.Height;
        int width = batch.Width;
        int channels = batch.Channels;
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[width * height * 4];
        long offset = (long)index * height * width * channels;
        for (var p = 0; p < width * height; p++)
        {
            for (var c = 0; c < 3; c++)
            {
                float value = batch.Images[offset + ((long)p * channels) + (channels == 1 ? 0 : c)];
                pixels[(p * 4) + c] = (byte)Math.Clamp(MathF.Round(value), 0, 255);
            }

            pixels[(p * 4) + 3] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using SKData data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Renders the images with captions as an HTML grid.</summary>
    /// <returns>The HTML fragment.</returns>
    public string ToHtml()
    {
        // Small images are scaled up so that a 32-pixel image is still visible.
        int displayWidth = Math.Max(batch.Width, 96);
        var html = new StringBuilder("<div class=\"kc-images\" style=\"display:flex;flex-wrap:wrap;gap:8px\">");
        for (var i = 0; i < count; i++)
        {
            html.Append("<figure style=\"margin:0;text-align:center\">")
                .Append(Html.PngImage(EncodePng(i), $"image {i}", displayWidth))
                .Append($"<figcaption style=\"font-size:smaller\">{Caption(i)}</figcaption></figure>");
        }

        html.Append("</div>");
        return html.ToString();
    }

    private string Caption(int index)
    {
        string label = Html.Encode(ClassName(batch.Labels[index]));
        if (predictions is null)
        {
            return label;
        }

        int predicted = predictions[index];
        string color = predicted == batch.Labels[index] ? "green" : "red";
        return $"{label}<br/><span style=\"color:{color}\">{Html.Encode(ClassName(predicted))}</span>";
    }

    private string ClassName(int index) =>
        classNames is not null && index >= 0 && index < classNames.Count ? classNames[index] : index.ToString(CultureInfo.InvariantCulture);
}
