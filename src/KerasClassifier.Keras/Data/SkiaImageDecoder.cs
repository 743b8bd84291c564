using SkiaSharp;

namespace KerasClassifier.Keras.Data;

/// <summary>
/// <see cref="IImageDecoder"/> on SkiaSharp: JPEG, PNG, WebP, BMP and GIF (first frame).
/// </summary>
/// <remarks>
/// Grayscale, palette, 16-bit and alpha images all come out as 8-bit RGB. Alpha is dropped, not
/// composited, as TensorFlow's <c>decode_image(channels=3)</c> does. No colour management is applied.
/// </remarks>
internal sealed class SkiaImageDecoder : IImageDecoder
{
    /// <summary>Default bound on width x height of a file's stored image: 64 megapixels (256 MB as RGBA).</summary>
    public const long DefaultMaxPixels = 64_000_000;

    /// <summary>
    /// Initializes a new instance of the <see cref="SkiaImageDecoder"/> class.
    /// </summary>
    /// <param name="maxPixels">Largest width x height accepted; larger images are rejected before any pixel buffer is allocated.</param>
    public SkiaImageDecoder(long maxPixels = DefaultMaxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPixels, 1);

        MaxPixels = maxPixels;
    }

    /// <summary>Gets the largest width x height accepted.</summary>
    public long MaxPixels { get; }

    /// <inheritdoc/>
    public float[] Decode(string path, ImageResizeOptions resize)
    {
        ArgumentNullException.ThrowIfNull(path);

        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0)
        {
            throw new InvalidDataException("the file is empty.");
        }

        // The codec takes ownership of the stream and disposes it with itself.
        using SKCodec? codec = SKCodec.Create(new SKMemoryStream(bytes), out SKCodecResult openResult);
        if (codec is null)
        {
            throw new InvalidDataException(
                $"the content is not a JPEG, PNG, WebP, BMP or GIF image (decoder result: {openResult}).");
        }

        SKImageInfo stored = codec.Info;
        long pixelCount = (long)stored.Width * stored.Height;
        if (stored.Width <= 0 || stored.Height <= 0 || pixelCount > MaxPixels)
        {
            throw new InvalidDataException(
                $"the image is {stored.Width}x{stored.Height} ({pixelCount} pixels); the limit is {MaxPixels} pixels.");
        }

        SKSizeI decodeSize = ChooseDecodeSize(codec, resize);
        using SKBitmap decoded = DecodeRgba(codec, decodeSize);

        return ResizeToFloat(decoded, codec.EncodedOrigin, resize);
    }

    /// <summary>
    /// Returns the size to decode at. JPEG decoders can scale by 1/2, 1/4 or 1/8 while decoding, which
    /// is much cheaper than decoding at full size. The smallest scale that still covers the target size
    /// is used, so the final resize never enlarges a scaled decode.
    /// </summary>
    private static SKSizeI ChooseDecodeSize(SKCodec codec, ImageResizeOptions resize)
    {
        var full = new SKSizeI(codec.Info.Width, codec.Info.Height);
        if (codec.EncodedFormat != SKEncodedImageFormat.Jpeg)
        {
            return full;
        }

        bool swap = ImageOrientation.SwapsAxes(codec.EncodedOrigin);
        foreach (float scale in (ReadOnlySpan<float>)[0.125f, 0.25f, 0.5f])
        {
            SKSizeI size = codec.GetScaledDimensions(scale);
            SKRectI crop = swap ? CropWindow(size.Height, size.Width, resize) : CropWindow(size.Width, size.Height, resize);
            if (crop.Width >= resize.Width && crop.Height >= resize.Height)
            {
                return size;
            }
        }

        return full;
    }

    private static SKBitmap DecodeRgba(SKCodec codec, SKSizeI size)
    {
        // Unpremultiplied keeps the colour of transparent pixels, which are then read as opaque.
        // NOTE: CMYK JPEGs rely on SkiaSharp's own conversion to RGB; no test covers them yet.
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(info))
        {
            bitmap.Dispose();
            throw new InvalidDataException($"could not allocate {size.Width}x{size.Height} pixels.");
        }

        SKCodecResult result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new InvalidDataException(result switch
            {
                SKCodecResult.IncompleteInput => "the image data is truncated.",
                SKCodecResult.ErrorInInput => "the image data is corrupt.",
                _ => $"decoding failed ({result}).",
            });
        }

        return bitmap;
    }

    private static unsafe float[] ResizeToFloat(SKBitmap decoded, SKEncodedOrigin origin, ImageResizeOptions resize)
    {
        var opaqueInfo = new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using SKImage source = SKImage.FromPixels(opaqueInfo, decoded.GetPixels(), decoded.RowBytes)
            ?? throw new InvalidDataException("could not wrap the decoded pixels.");

        var targetInfo = new SKImageInfo(resize.Width, resize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var target = new SKBitmap(targetInfo);
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.Black);
            SKMatrix transform = BuildTransform(decoded.Width, decoded.Height, origin, resize);
            canvas.SetMatrix(transform);
            canvas.DrawImage(source, 0, 0, ToSampling(resize.Interpolation, MinimumScale(transform)));
        }

        var pixels = PixelBufferPool.Rent((long)resize.Height * resize.Width * 3);
        byte* basePointer = (byte*)target.GetPixels();
        int rowBytes = target.RowBytes;

        fixed (float* output = pixels)
        {
            float* destination = output;
            for (int y = 0; y < resize.Height; y++)
            {
                byte* row = basePointer + ((long)y * rowBytes);
                for (int x = 0; x < resize.Width; x++)
                {
                    destination[0] = row[0];
                    destination[1] = row[1];
                    destination[2] = row[2];
                    destination += 3;
                    row += 4;
                }
            }
        }

        return pixels;
    }

    /// <summary>
    /// Combines orientation, the optional centre crop and the scale to the target size into one
    /// matrix, so the stored pixels are resampled only once.
    /// </summary>
    private static SKMatrix BuildTransform(int storedWidth, int storedHeight, SKEncodedOrigin origin, ImageResizeOptions resize)
    {
        SKMatrix toDisplay = ImageOrientation.ToDisplay(origin, storedWidth, storedHeight);
        bool swap = ImageOrientation.SwapsAxes(origin);
        int displayWidth = swap ? storedHeight : storedWidth;
        int displayHeight = swap ? storedWidth : storedHeight;

        var crop = CropWindow(displayWidth, displayHeight, resize);
        float scaleX = resize.Width / (float)crop.Width;
        float scaleY = resize.Height / (float)crop.Height;

        return new SKMatrix(
            scaleX * toDisplay.ScaleX,
            scaleX * toDisplay.SkewX,
            scaleX * (toDisplay.TransX - crop.Left),
            scaleY * toDisplay.SkewY,
            scaleY * toDisplay.ScaleY,
            scaleY * (toDisplay.TransY - crop.Top),
            0,
            0,
            1);
    }

    /// <summary>
    /// Returns the region of the displayed image to resize: all of it, or with
    /// <see cref="ImageResizeOptions.CropToAspectRatio"/> the largest centred window with the target
    /// aspect ratio, computed as Keras's <c>smart_resize</c> does.
    /// </summary>
    internal static SKRectI CropWindow(int width, int height, ImageResizeOptions resize)
    {
        if (!resize.CropToAspectRatio)
        {
            return new SKRectI(0, 0, width, height);
        }

        int cropHeight = Math.Min(height, (int)((double)width * resize.Height / resize.Width));
        int cropWidth = Math.Min(width, (int)((double)height * resize.Width / resize.Height));
        cropHeight = Math.Max(1, cropHeight);
        cropWidth = Math.Max(1, cropWidth);

        int top = (height - cropHeight) / 2;
        int left = (width - cropWidth) / 2;

        return new SKRectI(left, top, left + cropWidth, top + cropHeight);
    }

    private static SKSamplingOptions ToSampling(ImageInterpolation interpolation, float scale) => interpolation switch
    {
        ImageInterpolation.Nearest => new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None),
        ImageInterpolation.Bicubic => new SKSamplingOptions(SKCubicResampler.CatmullRom),
        ImageInterpolation.MitchellCubic => new SKSamplingOptions(SKCubicResampler.Mitchell),

        // Plain linear filtering aliases when it shrinks by more than 2x, so it then blends mipmap levels.
        // At milder scales the mipmap chain would cost time and blur for little gain.
        _ => new SKSamplingOptions(SKFilterMode.Linear, scale < 0.5f ? SKMipmapMode.Linear : SKMipmapMode.None),
    };

    /// <summary>
    /// Returns the smaller of the two axis scales of a matrix that may swap axes.
    /// </summary>
    private static float MinimumScale(SKMatrix transform)
    {
        float scaleX = MathF.Sqrt((transform.ScaleX * transform.ScaleX) + (transform.SkewY * transform.SkewY));
        float scaleY = MathF.Sqrt((transform.SkewX * transform.SkewX) + (transform.ScaleY * transform.ScaleY));

        return Math.Min(scaleX, scaleY);
    }
}
