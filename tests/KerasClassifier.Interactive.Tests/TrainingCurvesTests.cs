using KerasClassifier.Keras.Callbacks;

namespace KerasClassifier.Interactive.Tests;

public class TrainingCurvesTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void MetricNames_PutLossFirst()
    {
        var curves = new TrainingCurves(Record(0, 3));

        Assert.Equal(["loss", "accuracy"], curves.MetricNames);
    }

    [Fact]
    public void EpochCount_SumsRuns()
    {
        var curves = new TrainingCurves(Record(0, 3), Record(3, 2));

        Assert.Equal(5, curves.EpochCount);
    }

    [Fact]
    public void RenderPng_WritesPngOfRequestedSize()
    {
        var curves = new TrainingCurves(Record(0, 3), Record(3, 2));

        byte[] png = curves.RenderPng("accuracy", 300, 200);

        Assert.Equal(PngSignature, png[..8]);
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal(300, bitmap.Width);
        Assert.Equal(200, bitmap.Height);
    }

    [Fact]
    public void RenderPng_UnknownMetricThrows()
    {
        var curves = new TrainingCurves(Record(0, 2));

        var error = Assert.Throws<ArgumentException>(() => curves.RenderPng("precision"));

        Assert.Equal("metric", error.ParamName);
        Assert.Contains("loss, accuracy", error.Message);
    }

    [Fact]
    public void Constructor_NoRunsThrows()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingCurves());

        Assert.Equal("runs", error.ParamName);
    }

    [Fact]
    public void EpochTable_ListsOneBasedEpochs()
    {
        var curves = new TrainingCurves(Record(0, 3), Record(3, 2));

        string html = curves.EpochTableHtml(lastRows: 2);

        Assert.Contains("<td>4</td>", html);
        Assert.Contains("<td>5</td>", html);
        Assert.DoesNotContain("<td>3</td>", html);
        Assert.Contains("<td>0.0005</td>", html);
        Assert.Contains("<th>val_accuracy</th>", html);
    }

    [Fact]
    public void Html_EmptyHistoryIsNote()
    {
        string html = new TrainingCurves(new History()).ToHtml();

        Assert.Equal("<p>No epoch was recorded.</p>", html);
    }

    [Fact]
    public void Html_EmbedsOneChartPerMetric()
    {
        string html = new TrainingCurves(Record(0, 2)).ToHtml();

        Assert.Equal(2, html.Split("data:image/png;base64,").Length - 1);
    }

    private static History Record(int firstEpoch, int epochs)
    {
        var history = new History();
        for (var epoch = firstEpoch; epoch < firstEpoch + epochs; epoch++)
        {
            history.OnEpochEnd(epoch, new Dictionary<string, double>
            {
                ["loss"] = 1.0 / (epoch + 1),
                ["accuracy"] = 0.5 + (0.05 * epoch),
                ["val_loss"] = 1.2 / (epoch + 1),
                ["val_accuracy"] = 0.45 + (0.05 * epoch),
                ["learning_rate"] = firstEpoch == 0 ? 0.001 : 0.0005,
            });
        }

        return history;
    }
}
