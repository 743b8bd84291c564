using KerasClassifier.Keras.Data;
using SkiaSharp;

namespace KerasClassifier.Interactive.Tests;

public class ImageGridTests
{
    [Fact]
    public void EncodePng_KeepsPixels()
    {
        var batch = new ImageBatch([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 0, 0, 0, 255, 255, 255, 1, 2, 3, 4, 5, 6], [0, 1], 2, 2, 2, 3);

        byte[] png = new ImageGrid(batch).EncodePng(1);

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(2, bitmap.Width);
        Assert.Equal(new SKColor(0, 0, 0), bitmap.GetPixel(0, 0));
        Assert.Equal(new SKColor(255, 255, 255), bitmap.GetPixel(1, 0));
        Assert.Equal(new SKColor(1, 2, 3), bitmap.GetPixel(0, 1));
        Assert.Equal(new SKColor(4, 5, 6), bitmap.GetPixel(1, 1));
    }

    [Fact]
    public void EncodePng_GrayscaleFillsChannels()
    {
        var batch = new ImageBatch([7, 300, -4, 128], [0], 1, 2, 2, 1);

        using var bitmap = SKBitmap.Decode(new ImageGrid(batch).EncodePng(0));

        Assert.Equal(new SKColor(7, 7, 7), bitmap.GetPixel(0, 0));
        Assert.Equal(new SKColor(255, 255, 255), bitmap.GetPixel(1, 0));
        Assert.Equal(new SKColor(0, 0, 0), bitmap.GetPixel(0, 1));
    }

    [Fact]
    public void Html_CaptionsMarkPredictions()
    {
        var batch = new ImageBatch(new float[3 * 4 * 4 * 3], [0, 1, 1], 3, 4, 4, 3);

        string html = new ImageGrid(batch, ["apple", "pear"], predictions: [0, 0, 1], maxImages: 2).ToHtml();

        Assert.Equal(2, html.Split("<figure").Length - 1);
        Assert.Contains("apple<br/><span style=\"color:green\">apple</span>", html);
        Assert.Contains("pear<br/><span style=\"color:red\">apple</span>", html);
    }

    [Fact]
    public void Html_WithoutNamesShowsIndices()
    {
        var batch = new ImageBatch(new float[4 * 4 * 3], [5], 1, 4, 4, 3);

        string html = new ImageGrid(batch).ToHtml();

        Assert.Contains("<figcaption style=\"font-size:smaller\">5</figcaption>", html);
    }

    [Fact]
    public void Constructor_FewPredictionsThrows()
    {
        var batch = new ImageBatch(new float[2 * 4 * 4 * 3], [0, 1], 2, 4, 4, 3);

        var error = Assert.Throws<ArgumentException>(() => new ImageGrid(batch, predictions: [0]));

        Assert.Equal("predictions", error.ParamName);
    }

    [Fact]
    public void Constructor_FourChannelsThrows()
    {
        var batch = new ImageBatch(new float[4 * 4 * 4], [0], 1, 4, 4, 4);

        var error = Assert.Throws<ArgumentException>(() => new ImageGrid(batch));

        Assert.Equal("batch", error.ParamName);
        Assert.Contains("4 channels", error.Message);
    }
}
