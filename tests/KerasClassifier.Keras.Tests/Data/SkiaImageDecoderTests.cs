using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Tests.Testing;
using SkiaSharp;

namespace KerasClassifier.Keras.Tests.Data;

public class SkiaImageDecoderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly SkiaImageDecoder _decoder = new();

    public void Dispose() => _temp.Dispose();

    private static ImageResizeOptions Size(int height, int width, ImageInterpolation interpolation = ImageInterpolation.Bilinear, bool crop = false) =>
        new(height, width, interpolation, crop);

    private static (float R, float G, float B) Pixel(float[] pixels, int width, int y, int x)
    {
        int offset = ((y * width) + x) * 3;

        return (pixels[offset], pixels[offset + 1], pixels[offset + 2]);
    }

    private static bool IsRed((float R, float G, float B) p) => p.R > 180 && p.G < 90 && p.B < 90;

    private static bool IsGreen((float R, float G, float B) p) => p.G > 180 && p.R < 90 && p.B < 90;

    [Fact]
    public void Decode_PngExactPixels()
    {
        string path = _temp.File("a.png");
        using (SKBitmap bitmap = TestImages.Bitmap(3, 2, (x, y) => new SKColor((byte)(10 * x), (byte)(100 + y), 7)))
        {
            TestImages.Save(bitmap, path, SKEncodedImageFormat.Png);
        }

        float[] pixels = _decoder.Decode(path, Size(2, 3));

        Assert.Equal(18, pixels.Length);
        Assert.Equal((20f, 101f, 7f), Pixel(pixels, 3, 1, 2));
        Assert.Equal((0f, 100f, 7f), Pixel(pixels, 3, 0, 0));
    }

    // Where the stored top-left and top-right corners land after each EXIF orientation:
    // 0 = top-left, 1 = top-right, 2 = bottom-right, 3 = bottom-left of the displayed image.
    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(2, 1, 0)]
    [InlineData(3, 2, 3)]
    [InlineData(4, 3, 2)]
    [InlineData(5, 0, 3)]
    [InlineData(6, 1, 2)]
    [InlineData(7, 2, 1)]
    [InlineData(8, 3, 0)]
    public void Decode_AppliesExifOrientation(ushort orientation, int redCorner, int greenCorner)
    {
        // Stored image 40 wide, 20 high: red top-left quadrant, green top-right, grey bottom half.
        using SKBitmap bitmap = TestImages.Bitmap(40, 20, (x, y) =>
            y >= 10 ? new SKColor(128, 128, 128) : x < 20 ? new SKColor(255, 0, 0) : new SKColor(0, 255, 0));
        using SKData jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        string path = _temp.File($"o{orientation}.jpg");
        File.WriteAllBytes(path, TestImages.WithExifOrientation(jpeg.ToArray(), orientation));

        bool swapped = orientation >= 5;
        int height = swapped ? 40 : 20;
        int width = swapped ? 20 : 40;
        float[] pixels = _decoder.Decode(path, Size(height, width));

        var corners = new[]
        {
            Pixel(pixels, width, 2, 2),
            Pixel(pixels, width, 2, width - 3),
            Pixel(pixels, width, height - 3, width - 3),
            Pixel(pixels, width, height - 3, 2),
        };
        Assert.True(IsRed(corners[redCorner]), $"corner {redCorner} is {corners[redCorner]}, expected red");
        Assert.True(IsGreen(corners[greenCorner]), $"corner {greenCorner} is {corners[greenCorner]}, expected green");
    }

    [Fact]
    public void Decode_GrayscalePngToRgb()
    {
        string path = _temp.File("gray.png");
        File.WriteAllBytes(path, TestImages.Png(2, 1, 8, 0, [30, 200]));

        float[] pixels = _decoder.Decode(path, Size(1, 2, ImageInterpolation.Nearest));

        Assert.Equal((30f, 30f, 30f), Pixel(pixels, 2, 0, 0));
        Assert.Equal((200f, 200f, 200f), Pixel(pixels, 2, 0, 1));
    }

    [Fact]
    public void Decode_AlphaDroppedNotComposited()
    {
        // RGBA: a half-transparent orange pixel and a fully transparent blue one.
        string path = _temp.File("alpha.png");
        File.WriteAllBytes(path, TestImages.Png(2, 1, 8, 6, [200, 100, 10, 128, 0, 0, 250, 0]));

        float[] pixels = _decoder.Decode(path, Size(1, 2, ImageInterpolation.Nearest));

        Assert.Equal((200f, 100f, 10f), Pixel(pixels, 2, 0, 0));
        Assert.Equal((0f, 0f, 250f), Pixel(pixels, 2, 0, 1));
    }

    [Fact]
    public void Decode_SixteenBitPng()
    {
        // 16-bit RGB, big-endian samples: (0xFFFF, 0x8080, 0x0000) and (0x0000, 0x1010, 0xFFFF).
        string path = _temp.File("deep.png");
        File.WriteAllBytes(path, TestImages.Png(2, 1, 16, 2, [0xFF, 0xFF, 0x80, 0x80, 0, 0, 0, 0, 0x10, 0x10, 0xFF, 0xFF]));

        float[] pixels = _decoder.Decode(path, Size(1, 2, ImageInterpolation.Nearest));

        var first = Pixel(pixels, 2, 0, 0);
        var second = Pixel(pixels, 2, 0, 1);
        Assert.Equal(255f, first.R);
        Assert.InRange(first.G, 127f, 129f);
        Assert.Equal(0f, first.B);
        Assert.InRange(second.G, 15f, 17f);
        Assert.Equal(255f, second.B);
    }

    [Fact]
    public void Decode_PalettePng()
    {
        string path = _temp.File("palette.png");
        File.WriteAllBytes(path, TestImages.Png(2, 1, 8, 3, [1, 0], palette: [10, 20, 30, 240, 50, 60]));

        float[] pixels = _decoder.Decode(path, Size(1, 2, ImageInterpolation.Nearest));

        Assert.Equal((240f, 50f, 60f), Pixel(pixels, 2, 0, 0));
        Assert.Equal((10f, 20f, 30f), Pixel(pixels, 2, 0, 1));
    }

    [Fact]
    public void Decode_GifFirstFrame()
    {
        string path = _temp.File("a.gif");
        byte[] indices = Enumerable.Range(0, 16).Select(i => (byte)(i % 4 < 2 ? 0 : 1)).ToArray();
        byte[] secondFrame = Enumerable.Repeat((byte)2, 16).ToArray();
        File.WriteAllBytes(path, TestImages.Gif(4, 4, [250, 0, 0, 0, 0, 250, 0, 250, 0], indices, secondFrame));

        float[] pixels = _decoder.Decode(path, Size(4, 4, ImageInterpolation.Nearest));

        Assert.Equal((250f, 0f, 0f), Pixel(pixels, 4, 3, 1));
        Assert.Equal((0f, 0f, 250f), Pixel(pixels, 4, 3, 2));
    }

    [Fact]
    public void Decode_GrayAlphaPng()
    {
        // Gray + alpha: grey 90 fully transparent, grey 220 opaque.
        string path = _temp.File("gray-alpha.png");
        File.WriteAllBytes(path, TestImages.Png(2, 1, 8, 4, [90, 0, 220, 255]));

        float[] pixels = _decoder.Decode(path, Size(1, 2, ImageInterpolation.Nearest));

        Assert.Equal((90f, 90f, 90f), Pixel(pixels, 2, 0, 0));
        Assert.Equal((220f, 220f, 220f), Pixel(pixels, 2, 0, 1));
    }

    [Fact]
    public void Decode_ScaledJpegKeepsOrientation()
    {
        // A 400x200 photo shrunk 8x while decoding, then turned by EXIF orientation 6.
        using SKBitmap bitmap = TestImages.Bitmap(400, 200, (x, y) =>
            y >= 100 ? new SKColor(128, 128, 128) : x < 200 ? new SKColor(255, 0, 0) : new SKColor(0, 255, 0));
        using SKData jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        string path = _temp.File("big-rotated.jpg");
        File.WriteAllBytes(path, TestImages.WithExifOrientation(jpeg.ToArray(), 6));

        float[] pixels = _decoder.Decode(path, Size(40, 20));

        Assert.True(IsRed(Pixel(pixels, 20, 5, 15)), "stored top-left should be displayed top-right");
        Assert.True(IsGreen(Pixel(pixels, 20, 34, 15)), "stored top-right should be displayed bottom-right");
        Assert.Equal((128f, 128f, 128f), Pixel(pixels, 20, 20, 3), new ColorTolerance(6));
    }

    [Fact]
    public void Decode_Bmp()
    {
        string path = _temp.File("a.bmp");
        File.WriteAllBytes(path, TestImages.Bmp(3, 2, (x, y) => new SKColor((byte)(50 * x), 9, (byte)(100 * y))));

        float[] pixels = _decoder.Decode(path, Size(2, 3, ImageInterpolation.Nearest));

        Assert.Equal((100f, 9f, 100f), Pixel(pixels, 3, 1, 2));
        Assert.Equal((0f, 9f, 0f), Pixel(pixels, 3, 0, 0));
    }

    [Fact]
    public void Decode_LosslessWebP()
    {
        string path = _temp.File("a.webp");
        using (SKBitmap bitmap = TestImages.Bitmap(4, 4, (x, y) => new SKColor((byte)(60 * x), (byte)(60 * y), 99)))
        {
            TestImages.Save(bitmap, path, SKEncodedImageFormat.Webp, quality: 100);
        }

        float[] pixels = _decoder.Decode(path, Size(4, 4, ImageInterpolation.Nearest));

        Assert.Equal((180f, 120f, 99f), Pixel(pixels, 4, 2, 3));
    }

    [Fact]
    public void Decode_ResizeKeepsSolidColour()
    {
        string path = _temp.File("solid.png");
        using (SKBitmap bitmap = TestImages.Bitmap(300, 200, (_, _) => new SKColor(40, 150, 220)))
        {
            TestImages.Save(bitmap, path, SKEncodedImageFormat.Png);
        }

        foreach (ImageInterpolation interpolation in Enum.GetValues<ImageInterpolation>())
        {
            float[] pixels = _decoder.Decode(path, Size(64, 48, interpolation));

            Assert.All(Enumerable.Range(0, 64 * 48), i => Assert.Equal((40f, 150f, 220f), Pixel(pixels, 48, i / 48, i % 48)));
        }
    }

    [Fact]
    public void Decode_BilinearDoesNotAlias()
    {
        // One-pixel black and white columns: a faithful 348 -> 128 downscale is close to uniform grey.
        string path = _temp.File("stripes.png");
        using (SKBitmap bitmap = TestImages.Bitmap(348, 348, (x, _) => x % 2 == 0 ? SKColors.Black : SKColors.White))
        {
            TestImages.Save(bitmap, path, SKEncodedImageFormat.Png);
        }

        float[] smooth = _decoder.Decode(path, Size(128, 128));
        float[] nearest = _decoder.Decode(path, Size(128, 128, ImageInterpolation.Nearest));

        Assert.True(StandardDeviation(smooth) < 20, $"bilinear standard deviation {StandardDeviation(smooth):F1}");
        Assert.True(StandardDeviation(nearest) > 60, $"nearest standard deviation {StandardDeviation(nearest):F1}");
    }

    [Fact]
    public void Decode_CropToAspectRatio()
    {
        // 200x100: red left quarter, green middle half, blue right quarter.
        string path = _temp.File("wide.png");
        using (SKBitmap bitmap = TestImages.Bitmap(200, 100, (x, _) =>
            x < 50 ? new SKColor(255, 0, 0) : x < 150 ? new SKColor(0, 255, 0) : new SKColor(0, 0, 255)))
        {
            TestImages.Save(bitmap, path, SKEncodedImageFormat.Png);
        }

        float[] cropped = _decoder.Decode(path, Size(20, 20, crop: true));
        float[] stretched = _decoder.Decode(path, Size(20, 20));

        Assert.All(Enumerable.Range(0, 400), i => Assert.True(IsGreen(Pixel(cropped, 20, i / 20, i % 20))));
        Assert.True(IsRed(Pixel(stretched, 20, 10, 1)));
    }

    [Fact]
    public void Decode_TextFileRejected()
    {
        string path = _temp.File("notes.jpg");
        File.WriteAllText(path, "this is not an image");

        var error = Assert.Throws<InvalidDataException>(() => _decoder.Decode(path, Size(8, 8)));

        Assert.Contains("not a JPEG, PNG, WebP, BMP or GIF", error.Message);
    }

    [Fact]
    public void Decode_EmptyFileRejected()
    {
        string path = _temp.File("empty.png");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<InvalidDataException>(() => _decoder.Decode(path, Size(8, 8)));

        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Decode_TruncatedJpegRejected()
    {
        using SKBitmap bitmap = TestImages.Bitmap(64, 64, (x, y) => new SKColor((byte)(4 * x), (byte)(4 * y), 0));
        using SKData jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        byte[] bytes = jpeg.ToArray();
        string path = _temp.File("cut.jpg");
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);

        var error = Assert.Throws<InvalidDataException>(() => _decoder.Decode(path, Size(8, 8)));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Decode_HeaderOnlyJpegRejected()
    {
        using SKBitmap bitmap = TestImages.Bitmap(16, 16, (_, _) => SKColors.Red);
        using SKData jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        string path = _temp.File("header.jpg");
        File.WriteAllBytes(path, jpeg.ToArray()[..20]);

        Assert.Throws<InvalidDataException>(() => _decoder.Decode(path, Size(8, 8)));
    }

    [Fact]
    public void Decode_HugeDimensionsRejected()
    {
        using SKBitmap bitmap = TestImages.Bitmap(16, 16, (_, _) => SKColors.Red);
        using SKData jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        string path = _temp.File("huge.jpg");
        File.WriteAllBytes(path, TestImages.WithJpegDimensions(jpeg.ToArray(), 60000, 60000));

        var error = Assert.Throws<InvalidDataException>(() => _decoder.Decode(path, Size(8, 8)));

        Assert.Contains("60000x60000", error.Message);
        Assert.Contains("limit", error.Message);
    }

    [Fact]
    public void Decode_PixelLimitConfigurable()
    {
        string path = _temp.File("small.jpg");
        TestImages.SolidJpeg(path, SKColors.Blue, 20, 10);

        var strict = new SkiaImageDecoder(maxPixels: 199);

        Assert.Throws<InvalidDataException>(() => strict.Decode(path, Size(8, 8)));
        Assert.Equal(192, new SkiaImageDecoder(maxPixels: 200).Decode(path, Size(8, 8)).Length);
    }

    [Fact]
    public void Decode_MissingFileThrowsIo()
    {
        Assert.Throws<FileNotFoundException>(() => _decoder.Decode(_temp.File("absent.png"), Size(8, 8)));
    }

    /// <summary>Compares colours channel by channel within a tolerance, for lossy formats.</summary>
    private sealed class ColorTolerance(float tolerance) : IEqualityComparer<(float R, float G, float B)>
    {
        public bool Equals((float R, float G, float B) x, (float R, float G, float B) y) =>
            Math.Abs(x.R - y.R) <= tolerance && Math.Abs(x.G - y.G) <= tolerance && Math.Abs(x.B - y.B) <= tolerance;

        public int GetHashCode((float R, float G, float B) obj) => 0;
    }

    private static double StandardDeviation(float[] values)
    {
        double mean = values.Average();

        return Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
    }
}
