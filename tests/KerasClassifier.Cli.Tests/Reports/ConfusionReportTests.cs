using KerasClassifier.Cli.Reports;
using SkiaSharp;

namespace KerasClassifier.Cli.Tests.Reports;

public class ConfusionReportTests
{
    private static readonly string[] Classes = ["apple", "banana", "cherry"];

    // apple: 3 right, 1 as banana; banana: 2 right, 2 as cherry; cherry: 1 right, never as anything else.
    private static ConfusionReport Sample() => ConfusionReport.Create(
        [0, 0, 0, 0, 1, 1, 1, 1, 2],
        [0, 0, 0, 1, 1, 1, 2, 2, 2],
        Classes);

    [Fact]
    public void Counts_rows_by_true_class()
    {
        var report = Sample();

        Assert.Equal(3, report.Matrix[0, 0]);
        Assert.Equal(1, report.Matrix[0, 1]);
        Assert.Equal(2, report.Matrix[1, 2]);
        Assert.Equal(9, report.Total);
        Assert.Equal(6.0 / 9, report.Accuracy, 12);
    }

    [Fact]
    public void Precision_and_recall_per_class()
    {
        var report = Sample();

        Assert.Equal(0.75, report.Recall(0));
        Assert.Equal(1.0, report.Precision(0));
        Assert.Equal(0.5, report.Recall(1));
        Assert.Equal(2.0 / 3, report.Precision(1), 12);
        Assert.Equal(1.0 / 3, report.Precision(2), 12);
        Assert.Equal(0.5, report.F1(2), 12);
    }

    [Fact]
    public void Most_confused_pairs_first()
    {
        var pairs = Sample().MostConfused(5);

        Assert.Equal([(1, 2, 2L), (0, 1, 1L)], pairs);
    }

    [Fact]
    public void Class_without_examples_has_nan_recall()
    {
        var report = ConfusionReport.Create([0, 0], [0, 0], Classes);

        Assert.True(double.IsNaN(report.Recall(2)));
        Assert.True(double.IsNaN(report.Precision(1)));
    }

    [Fact]
    public void Out_of_range_id_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfusionReport.Create([0, 3], [0, 0], Classes));

        Assert.Contains("Example 1 has label 3", error.Message);
        Assert.Contains("from 0 to 2", error.Message);
    }

    [Fact]
    public void Per_class_csv_rows()
    {
        using var folder = new TestFolder();
        var path = folder.Combine("per_class.csv");

        ConfusionReport.Create([0, 1, 1], [0, 0, 1], ["a,b", "c", "d"]).WritePerClassCsv(path);

        Assert.Equal(
            ["class,support,precision,recall,f1", "\"a,b\",1,0.5,1,0.666667", "c,2,1,0.5,0.666667", "d,0,nan,nan,nan"],
            File.ReadAllLines(path));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(43)]
    public void Matrix_png_has_expected_size(int classes)
    {
        using var folder = new TestFolder();
        var path = folder.Combine("confusion.png");
        var names = Enumerable.Range(0, classes).Select(i => $"class-{i}").ToArray();
        var labels = Enumerable.Range(0, classes * 4).Select(i => i % classes).ToArray();
        var predictions = labels.Select((l, i) => i % 3 == 0 ? (l + 1) % classes : l).ToArray();

        ConfusionMatrixPlot.Write(ConfusionReport.Create(labels, predictions, names), path);

        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(ConfusionMatrixPlot.SideFor(classes), bitmap.Width);
        Assert.Equal(ConfusionMatrixPlot.SideFor(classes), bitmap.Height);
    }
}
