using KerasClassifier.Keras.IO;
using ScottPlot;
using SkiaSharp;

namespace KerasClassifier.Cli.Reports;

/// <summary>Draws the loss and accuracy curves of a training history, training and validation, side by side in one PNG.</summary>
internal static class HistoryPlot
{
    /// <summary>The PNG width in pixels.</summary>
    public const int Width = 1200;

    /// <summary>The PNG height in pixels.</summary>
    public const int Height = 450;

    /// <summary>Writes the PNG atomically.</summary>
    /// <param name="history">The history: 1-based epoch numbers and the values of each log key.</param>
    /// <param name="path">The PNG file.</param>
    public static void Write(TrainingHistory history, string path)
    {
        ArgumentNullException.ThrowIfNull(history);
        var font = PlotFonts.Ensure();
        var panels = new[] { ("loss", "Loss", Alignment.UpperRight), ("accuracy", "Accuracy", Alignment.LowerRight) };
        var panelWidth = Width / panels.Length;

        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        surface.Canvas.Clear(SKColors.White);
        for (var i = 0; i < panels.Length; i++)
        {
            // ScottPlot clears the whole canvas it renders on, so each panel gets its own surface.
            var (key, title, legend) = panels[i];
            var plot = CreatePanel(history, key, title, font, legend);
            using var panel = SKSurface.Create(new SKImageInfo(panelWidth, Height));
            plot.Render(panel.Canvas, panelWidth, Height);
            using var panelImage = panel.Snapshot();
            surface.Canvas.DrawImage(panelImage, i * panelWidth, 0);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, stream => png.SaveTo(stream));
    }

    private static Plot CreatePanel(TrainingHistory history, string key, string title, string font, Alignment legend)
    {
        var plot = new Plot();
        plot.Font.Set(font);
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(key);
        AddSeries(plot, history, key, "training", Colors.C0);
        AddSeries(plot, history, "val_" + key, "validation", Colors.C1);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(legend);
        return plot;
    }

    private static void AddSeries(Plot plot, TrainingHistory history, string key, string label, Color color)
    {
        if (!history.Values.TryGetValue(key, out var values))
        {
            return;
        }

        var points = history.Epochs.Zip(values).Where(p => double.IsFinite(p.Second)).ToArray();
        if (points.Length == 0)
        {
            return;
        }

        var scatter = plot.Add.Scatter(points.Select(p => (double)p.First).ToArray(), points.Select(p => p.Second).ToArray(), color);
        scatter.LegendText = label;
        scatter.MarkerSize = points.Length > 40 ? 0 : 5;
        scatter.LineWidth = 2;
    }
}
