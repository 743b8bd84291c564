using System.Globalization;
using KerasClassifier.Keras.IO;
using ScottPlot;
using SkiaSharp;

namespace KerasClassifier.Cli.Reports;

/// <summary>Draws a confusion matrix as a heatmap PNG: true classes down the side, predicted classes along the bottom, each row shaded by its share.</summary>
internal static class ConfusionMatrixPlot
{
    /// <summary>Returns the PNG side in pixels for a number of classes: 40 pixels per class plus margins, from 500 to 2400.</summary>
    public static int SideFor(int classes) => Math.Clamp(200 + (40 * classes), 500, 2400);

    /// <summary>Writes the PNG atomically.</summary>
    /// <param name="report">The counts.</param>
    /// <param name="path">The PNG file.</param>
    public static void Write(ConfusionReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var font = PlotFonts.Ensure();
        var n = report.ClassNames.Count;
        var side = SideFor(n);

        // Shade by the row's share so that small classes show their mistakes as clearly as large ones.
        var shares = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            var support = report.Support(i);
            for (var j = 0; j < n; j++)
            {
                shares[i, j] = support == 0 ? 0 : (double)report.Matrix[i, j] / support;
            }
        }

        var plot = new Plot();
        plot.Font.Set(font);
        plot.Title($"Confusion matrix ({report.Total} examples, accuracy {(report.Accuracy * 100).ToString("0.0", CultureInfo.InvariantCulture)}%)");
        plot.XLabel("predicted class");
        plot.YLabel("true class");

        // ScottPlot draws row 0 of the array at the top, so row i sits at y = n - 1 - i.
        var heatmap = plot.Add.Heatmap(shares);
        heatmap.Colormap = new WhiteToBlue();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.Extent = new CoordinateRect(-0.5, n - 0.5, -0.5, n - 0.5);
        var colorbar = plot.Add.ColorBar(heatmap);
        colorbar.Label = "share of the true class";

        if (n <= 30)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    if (report.Matrix[i, j] == 0)
                    {
                        continue;
                    }

                    var label = plot.Add.Text(report.Matrix[i, j].ToString(CultureInfo.InvariantCulture), j, n - 1 - i);
                    label.LabelAlignment = Alignment.MiddleCenter;
                    label.LabelFontSize = n <= 10 ? 14 : 10;
                    label.LabelFontColor = shares[i, j] > 0.5 ? Colors.White : Colors.Black;
                }
            }
        }

        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var names = report.ClassNames.ToArray();
        plot.Axes.Bottom.SetTicks(positions, names);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Left.SetTicks(positions, names.Reverse().ToArray());

        // ScottPlot does not reserve room for rotated labels, so the bottom panel is sized from the longest name (about 7 pixels a character at 45 degrees).
        var longest = names.Max(name => name.Length);
        plot.Axes.Bottom.MinimumSize = 40 + (longest * 7);
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);

        using var surface = SKSurface.Create(new SKImageInfo(side, side));
        plot.Render(surface.Canvas, side, side);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, stream => png.SaveTo(stream));
    }

    /// <summary>A colormap from white (0) to dark blue (1), so that empty cells stay white.</summary>
    private sealed class WhiteToBlue : IColormap
    {
        public string Name => "White to blue";

        public Color GetColor(double normalizedIntensity)
        {
            var t = Math.Clamp(double.IsNaN(normalizedIntensity) ? 0 : normalizedIntensity, 0, 1);
            return new Color((byte)(255 - (t * 247)), (byte)(255 - (t * 207)), (byte)(255 - (t * 148)));
        }
    }
}
