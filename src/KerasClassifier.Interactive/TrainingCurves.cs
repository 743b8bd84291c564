using System.Globalization;
using System.Text;
using KerasClassifier.Keras.Callbacks;
using ScottPlot;

namespace KerasClassifier.Interactive;

/// <summary>
/// The per-epoch curves of one or more consecutive <c>Fit</c> runs: one chart per metric, with the
/// training and validation values, and a marker where each later run started.
/// </summary>
/// <example>
/// <code>
/// var first = model.Fit(train, epochs: 5, validationData: val);
/// var second = model.Fit(train, epochs: 10, validationData: val, initialEpoch: 5);
/// new TrainingCurves(first, second)   // displayed as two charts: loss and accuracy
/// </code>
/// </example>
public sealed class TrainingCurves
{
    private static readonly Color TrainingColor = new(31, 119, 180);
    private static readonly Color ValidationColor = new(255, 127, 14);

    private readonly History[] runs;

    /// <summary>Initializes a new instance of the <see cref="TrainingCurves"/> class.</summary>
    /// <param name="runs">The histories in the order the runs happened; at least one.</param>
    /// <exception cref="ArgumentException">No history is given, or an entry is null.</exception>
    public TrainingCurves(params History[] runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Length == 0 || runs.Any(r => r is null))
        {
            throw new ArgumentException($"Invalid runs ({runs.Length} given, {runs.Count(r => r is null)} null); expected one or more histories.", nameof(runs));
        }

        this.runs = (History[])runs.Clone();
    }

    /// <summary>Gets the metrics that have a chart, e.g. <c>loss</c> and <c>accuracy</c>, without the <c>val_</c> forms and the learning rate.</summary>
    public IReadOnlyList<string> MetricNames =>
        runs.SelectMany(r => r.Values.Keys)
            .Select(key => key.StartsWith("val_", StringComparison.Ordinal) ? key[4..] : key)
            .Where(key => key != "learning_rate")
            .Distinct(StringComparer.Ordinal)
            .OrderBy(key => key == "loss" ? 0 : 1)
            .ThenBy(key => key, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Gets the number of epochs recorded over all runs.</summary>
    public int EpochCount => runs.Sum(r => r.Epochs.Count);

    /// <summary>Renders the chart of one metric as a PNG image.</summary>
    /// <param name="metric">A name from <see cref="MetricNames"/>.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    /// <returns>The PNG bytes.</returns>
    /// <exception cref="ArgumentException">No run recorded <paramref name="metric"/>.</exception>
    public byte[] RenderPng(string metric, int width = 480, int height = 320)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (!MetricNames.Contains(metric))
        {
            throw new ArgumentException($"No run recorded metric '{metric}'; recorded: {string.Join(", ", MetricNames)}.", nameof(metric));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(width, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 64);

        var plot = new Plot();
        ChartFonts.Apply(plot);
        AddSeries(plot, metric, "training", TrainingColor, LinePattern.Solid);
        AddSeries(plot, "val_" + metric, "validation", ValidationColor, LinePattern.Dashed);
        AddRunMarkers(plot);

        plot.Title(metric);
        plot.XLabel("epoch");
        plot.YLabel(Html.IsFraction(metric) ? metric + " (fraction)" : metric);
        // Loss-like curves fall and accuracy-like curves rise, so the legend goes where the curves are not.
        plot.ShowLegend(Html.IsFraction(metric) ? Alignment.LowerRight : Alignment.UpperRight);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Renders all charts side by side, followed by a table of the last epoch's values.</summary>
    /// <returns>The HTML fragment; a note when no epoch was recorded.</returns>
    public string ToHtml()
    {
        if (EpochCount == 0)
        {
            return "<p>No epoch was recorded.</p>";
        }

        var html = new StringBuilder("<div class=\"kc-curves\">");
        foreach (string metric in MetricNames)
        {
            html.Append(Html.PngImage(RenderPng(metric), $"{metric} per epoch"));
        }

        html.Append("</div>").Append(EpochTableHtml(lastRows: 5));
        return html.ToString();
    }

    /// <summary>Renders the per-epoch values as an HTML table.</summary>
    /// <param name="lastRows">The number of most recent epochs to include; null for all.</param>
    /// <returns>The HTML fragment.</returns>
    public string EpochTableHtml(int? lastRows = null)
    {
        var keys = runs.SelectMany(r => r.Values.Keys).Distinct(StringComparer.Ordinal).ToArray();
        var rows = runs.SelectMany(run => run.Epochs.Select((epoch, index) => (Epoch: epoch, Run: run, Index: index))).ToArray();
        if (lastRows is int last && rows.Length > last)
        {
            rows = rows[^last..];
        }

        var html = new StringBuilder("<table><thead><tr><th>epoch</th>");
        foreach (string key in keys)
        {
            html.Append($"<th>{Html.Encode(key)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var (epoch, run, index) in rows)
        {
            html.Append($"<tr><td>{(epoch + 1).ToString(CultureInfo.InvariantCulture)}</td>");
            foreach (string key in keys)
            {
                string cell = run.Values.TryGetValue(key, out var values) && index < values.Count
                    ? key == "learning_rate" ? EpochLineFormatter.FormatLearningRate(values[index]) : Html.Metric(key, values[index])
                    : string.Empty;
                html.Append($"<td>{cell}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
        return html.ToString();
    }

    private void AddSeries(Plot plot, string key, string label, Color color, LinePattern pattern)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (History run in runs)
        {
            if (!run.Values.TryGetValue(key, out var values))
            {
                continue;
            }

            for (var i = 0; i < run.Epochs.Count && i < values.Count; i++)
            {
                xs.Add(run.Epochs[i] + 1);
                ys.Add(values[i]);
            }
        }

        if (xs.Count == 0)
        {
            return;
        }

        var scatter = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
        scatter.LegendText = label;
        scatter.LinePattern = pattern;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 5;
    }

    // A dashed vertical line half an epoch before the first epoch of each later run.
    private void AddRunMarkers(Plot plot)
    {
        for (var r = 1; r < runs.Length; r++)
        {
            if (runs[r].Epochs.Count == 0)
            {
                continue;
            }

            var line = plot.Add.VerticalLine(runs[r].Epochs[0] + 0.5, 1, Colors.Gray);
            line.LinePattern = LinePattern.Dotted;
            line.Text = $"run {r + 1}";

            // Above the plot, where the label does not hide an epoch number of the bottom axis.
            line.LabelOppositeAxis = true;
        }
    }
}
