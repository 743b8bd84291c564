using System.Globalization;
using System.Text;
using KerasClassifier.Keras.Layers;

namespace KerasClassifier.Keras.Models;

public abstract partial class Model
{
    /// <summary>Returns Keras's summary table: each layer's name, type, output shape and parameter count, then the totals.</summary>
    /// <param name="printFunction">Receives each line when given, as Keras's <c>print_fn</c>; the library never prints.</param>
    /// <returns>The whole table, lines separated by '\n'.</returns>
    /// <exception cref="InvalidOperationException">The model is not built (no input shape is known yet).</exception>
    public string Summary(Action<string>? printFunction = null)
    {
        if (!Built)
        {
            throw new InvalidOperationException(
                $"Model '{Name}' has not been built yet, so its output shapes are unknown; start it with an InputLayer, call Build(shape), or train it once first.");
        }

        var rows = SummaryRows().ToList();
        var widths = new[]
        {
            Math.Max(33, rows.Max(r => r.Layer.Length) + 2),
            Math.Max(24, rows.Max(r => r.Shape.Length) + 2),
            Math.Max(15, rows.Max(r => r.Parameters.Length) + 2),
        };

        var lines = new List<string> { $"Model: \"{Name}\"" };
        lines.Add(Border('┏', '━', '┳', '┓', widths));
        lines.Add($"┃{Cell("Layer (type)", widths[0])}┃{Cell("Output Shape", widths[1])}┃{Cell("Param #", widths[2], right: true)}┃");
        lines.Add(Border('┡', '━', '╇', '┩', widths));
        for (var i = 0; i < rows.Count; i++)
        {
            var (layer, shape, parameters) = rows[i];
            lines.Add($"│{Cell(layer, widths[0])}│{Cell(shape, widths[1])}│{Cell(parameters, widths[2], right: true)}│");
            lines.Add(i == rows.Count - 1 ? Border('└', '─', '┴', '┘', widths) : Border('├', '─', '┼', '┤', widths));
        }

        var trainableCount = TrainableWeights.Sum(w => w.Count);
        var total = Weights.Sum(w => w.Count);
        lines.Add($" Total params: {FormatCount(total)} ({FormatBytes(total * 4)})");
        lines.Add($" Trainable params: {FormatCount(trainableCount)} ({FormatBytes(trainableCount * 4)})");
        lines.Add($" Non-trainable params: {FormatCount(total - trainableCount)} ({FormatBytes((total - trainableCount) * 4)})");
        if (Optimizer is { Built: true })
        {
            var optimizerCount = Optimizer.Variables.Sum(v => v.Count);
            lines.Add($" Optimizer params: {FormatCount(optimizerCount)} ({FormatBytes(optimizerCount * 4)})");
        }

        if (printFunction is not null)
        {
            lines.ForEach(printFunction);
        }

        return string.Join('\n', lines);
    }

    /// <summary>Returns one summary row per layer: "name (Type)", output shape and parameter count.</summary>
    private protected virtual IEnumerable<(string Layer, string Shape, string Parameters)> SummaryRows() =>
        Layers.Select(l => ($"{l.Name} ({l.ClassName})", l.OutputShape?.ToString() ?? "?", FormatCount(l.CountParams())));

    private static string FormatCount(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

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

        return size.ToString("0.00", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static string Cell(string text, int width, bool right = false)
    {
        var inner = width - 2;
        var clipped = text.Length > inner ? text[..inner] : text;
        return " " + (right ? clipped.PadLeft(inner) : clipped.PadRight(inner)) + " ";
    }

    private static string Border(char left, char fill, char join, char right, int[] widths)
    {
        var builder = new StringBuilder().Append(left);
        for (var i = 0; i < widths.Length; i++)
        {
            builder.Append(fill, widths[i]).Append(i == widths.Length - 1 ? right : join);
        }

        return builder.ToString();
    }
}
