using System.Text.Json;

namespace KerasClassifier.Benchmarks;

/// <summary>Writes one JSON object per result line to stdout and, when given, appends it to a file.</summary>
internal sealed class ResultWriter
{
    private readonly string? path;

    /// <summary>Initializes a new instance of the <see cref="ResultWriter"/> class.</summary>
    /// <param name="path">The JSON-lines file to append to; null for stdout only.</param>
    public ResultWriter(string? path)
    {
        this.path = path;
    }

    /// <summary>Writes one result, adding the 1-minute load average at the time of writing.</summary>
    /// <param name="fields">The result's fields.</param>
    public void Write(Dictionary<string, object?> fields)
    {
        fields["load1"] = LoadAverage();
        var line = JsonSerializer.Serialize(fields);
        Console.WriteLine(line);
        if (path is not null)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }

    /// <summary>Reads the 1-minute load average from /proc/loadavg; null where that file is missing.</summary>
    private static double? LoadAverage()
    {
        const string file = "/proc/loadavg";
        if (!File.Exists(file))
        {
            return null;
        }

        var first = File.ReadAllText(file).Split(' ')[0];
        return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
    }
}
