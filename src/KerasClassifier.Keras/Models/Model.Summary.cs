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
        var connected = ShowsConnections();
        string[] headers = connected ? ["Layer (type)", "Output Shape", "Param #", "Connected to"] : ["Layer (type)", "Output Shape", "Param #"];
        int[] minimum = connected ? [31, 22, 12, 22] : [33, 24, 15];
        var widths = new int[headers.Length];
        for (var c = 0; c < headers.Length; c++)
        {
            widths[c] = Math.Max(minimum[c], rows.Select(r => r[c]).SelectMany(cell => cell.Split('\n')).DefaultIfEmpty(string.Empty).Max(line => line.Length) + 2);
        }

        var lines = new List<string> { $"Model: \"{Name}\"" };
        lines.Add(Border('┏', '━', '┳', '┓', widths));
        lines.Add("┃" + string.Join("┃", headers.Select((h, c) => Cell(h, widths[c], right: c == 2))) + "┃");
        lines.Add(Border('┡', '━', '╇', '┩', widths));
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Take(headers.Length).Select(cell => cell.Split('\n')).ToArray();
            var height = cells.Max(c => c.Length);
            for (var line = 0; line < height; line++)
            {
                lines.Add("│" + string.Join("│", cells.Select((c, col) => Cell(line < c.Length ? c[line] : string.Empty, widths[col], right: col == 2))) + "│");
            }

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

    /// <summary>
    /// Returns one summary row per layer: "name (Type)", output shape, parameter count and, for graphs
    /// that are not a plain chain, the inbound tensors as <c>layer[node][tensor]</c>, one per line.
    /// </summary>
    private IEnumerable<string[]> SummaryRows()
    {
        var nodes = GraphNodes;
        foreach (var layer in Layers)
        {
            var relevant = layer.InboundNodes.Where(n => nodes is null || nodes.Contains(n)).ToArray();
            var shape = relevant.Length > 0 ? FormatOutputShapes(relevant[^1]) : layer.OutputShape?.ToString() ?? "?";
            var connections = relevant
                .SelectMany(n => n.InputTensors)
                .Select(t => $"{t.Layer.Name}[{t.NodeIndex}][{t.TensorIndex}]")
                .ToArray();
            var connectedTo = connections.Length == 0 ? "-" : string.Join(",\n", connections);
            yield return [$"{layer.Name} ({layer.ClassName})", shape, FormatCount(layer.CountParams()), connectedTo];
        }
    }

    /// <summary>Decides, as Keras's <c>print_summary</c> does, whether the graph is more than a chain and needs the "Connected to" column.</summary>
    private bool ShowsConnections()
    {
        if (this is not Functional functional || this is Sequential)
        {
            return false;
        }

        var chainNodes = new HashSet<Node>();
        foreach (var group in functional.Graph.NodesByDepth)
        {
            if (group.Count > 1 || (group.Count == 1 && group[0].InputTensors.Count > 1))
            {
                return true;
            }

            chainNodes.UnionWith(group);
        }

        // A shared layer (two calls inside this model) also breaks the chain.
        return Layers.Any(l => l.InboundNodes.Count(chainNodes.Contains) > 1);
    }

    private static string FormatOutputShapes(Node node) =>
        node.OutputTensors.Count == 1 ? node.OutputTensors[0].Shape.ToString() : "[" + string.Join(", ", node.OutputTensors.Select(t => t.Shape)) + "]";

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
