using KerasClassifier.Cli.Reports;
using SkiaSharp;

namespace KerasClassifier.Cli.Tests.Reports;

public class HistoryPlotTests
{
    private const string Csv = """
        epoch,accuracy,learning_rate,loss,val_accuracy,val_loss
        0,0.25,0.001,1.9,0.2,2.0
        1,0.5,0.001,1.2,0.4,1.5
        2,0.75,0.001,0.7,NA,1.1
        """;

    [Fact]
    public void Png_has_expected_size()
    {
        using var folder = new TestFolder();
        folder.WriteText("history.csv", Csv);
        var path = folder.Combine("out", "curves.png");

        HistoryPlot.Write(TrainingHistory.ReadCsv(folder.Combine("history.csv")), path);

        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal(HistoryPlot.Width, bitmap.Width);
        Assert.Equal(HistoryPlot.Height, bitmap.Height);
    }

    [Fact]
    public void Both_panels_have_curves_and_text()
    {
        using var folder = new TestFolder();
        folder.WriteText("history.csv", Csv);
        var path = folder.Combine("curves.png");

        HistoryPlot.Write(TrainingHistory.ReadCsv(folder.Combine("history.csv")), path);

        using var bitmap = SKBitmap.Decode(path);
        var half = bitmap.Width / 2;
        Assert.True(CountDark(bitmap, 0, half, 0, 40) > 20, "no title text in the loss panel");
        Assert.True(CountDark(bitmap, half, bitmap.Width, 0, 40) > 20, "no title text in the accuracy panel");
        Assert.True(CountColored(bitmap, 0, half) > 100, "no curves in the loss panel");
        Assert.True(CountColored(bitmap, half, bitmap.Width) > 100, "no curves in the accuracy panel");
    }

    [Fact]
    public void History_reads_missing_values_as_nan()
    {
        using var folder = new TestFolder();
        folder.WriteText("history.csv", Csv);

        var history = TrainingHistory.ReadCsv(folder.Combine("history.csv"));

        Assert.Equal([1, 2, 3], history.Epochs);
        Assert.Equal([1.9, 1.2, 0.7], history.Values["loss"]);
        Assert.True(double.IsNaN(history.Values["val_accuracy"][2]));
    }

    [Fact]
    public void History_with_bad_number_names_line()
    {
        using var folder = new TestFolder();
        folder.WriteText("history.csv", "epoch,loss\n0,0.5\n1,abc\n");

        var error = Assert.Throws<InvalidDataException>(() => TrainingHistory.ReadCsv(folder.Combine("history.csv")));

        Assert.Contains("line 3", error.Message);
        Assert.Contains("'abc' is not a number", error.Message);
    }

    private static int CountDark(SKBitmap bitmap, int x0, int x1, int y0, int y1)
    {
        var count = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                count += pixel.Red < 100 && pixel.Green < 100 && pixel.Blue < 100 ? 1 : 0;
            }
        }

        return count;
    }

    private static int CountColored(SKBitmap bitmap, int x0, int x1)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                var spread = Math.Max(pixel.Red, Math.Max(pixel.Green, pixel.Blue)) - Math.Min(pixel.Red, Math.Min(pixel.Green, pixel.Blue));
                count += spread > 80 ? 1 : 0;
            }
        }

        return count;
    }
}
