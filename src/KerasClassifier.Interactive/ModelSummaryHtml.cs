using System.Text;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Interactive;

/// <summary>Renders a model's summary (Keras's <c>model.summary()</c>) as an HTML table.</summary>
public static class ModelSummaryHtml
{
    /// <summary>Renders the layer table and parameter totals of <paramref name="model"/>.</summary>
    /// <param name="model">The model; an unbuilt model renders as a one-line note.</param>
    /// <returns>The HTML fragment.</returns>
    public static string Render(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);

        var html = new StringBuilder();
        html.Append($"<div class=\"kc-summary\"><b>Model: \"{Html.Encode(model.Name)}\"</b>");
        if (!model.Built)
        {
            html.Append("<p>Not built yet, so output shapes and parameter counts are unknown. Start it with an InputLayer or train it once.</p></div>");
            return html.ToString();
        }

        html.Append("<table><thead><tr><th style=\"text-align:left\">Layer (type)</th><th style=\"text-align:left\">Output Shape</th>")
            .Append("<th style=\"text-align:right\">Param #</th><th style=\"text-align:center\">Trainable</th></tr></thead><tbody>");
        foreach (Layer layer in model.Layers)
        {
            html.Append("<tr>")
                .Append($"<td style=\"text-align:left\">{Html.Encode(layer.Name)} ({Html.Encode(layer.ClassName)})</td>")
                .Append($"<td style=\"text-align:left\">{Html.Encode(layer.OutputShape?.ToString() ?? "?")}</td>")
                .Append($"<td style=\"text-align:right\">{Html.Count(layer.CountParams())}</td>")
                .Append($"<td style=\"text-align:center\">{(layer.Trainable && model.Trainable ? "yes" : "no")}</td>")
                .Append("</tr>");
        }

        html.Append("</tbody></table>");

        long total = model.Weights.Sum(w => w.Count);
        long trainable = model.TrainableWeights.Sum(w => w.Count);
        html.Append("<p>")
            .Append($"Total params: {Html.Count(total)} ({FormatBytes(total * 4)})<br/>")
            .Append($"Trainable params: {Html.Count(trainable)} ({FormatBytes(trainable * 4)})<br/>")
            .Append($"Non-trainable params: {Html.Count(total - trainable)} ({FormatBytes((total - trainable) * 4)})");
        if (model.Optimizer is { Built: true } optimizer)
        {
            long optimizerCount = optimizer.Variables.Sum(v => v.Count);
            html.Append($"<br/>Optimizer params: {Html.Count(optimizerCount)} ({FormatBytes(optimizerCount * 4)})");
        }

        html.Append("</p></div>");
        return html.ToString();
    }

    // Keras reports sizes as float32 bytes in powers of 1024.
    private static string FormatBytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double size = bytes;
        var unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return size.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
