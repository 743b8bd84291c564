using System.Globalization;
using System.Text;
using KerasClassifier.Keras.IO;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// Writes each epoch's logs as one row of a CSV file, as Keras's <c>CSVLogger</c>: an <c>epoch</c>
/// column (0-based, as Keras writes it), then the log keys in sorted order.
/// </summary>
/// <remarks>
/// The file is rewritten atomically after every epoch, so a killed run leaves complete rows only.
/// With <see cref="Append"/>, the rows already in the file are kept, except rows for epochs this run
/// trains again (a run resumed from a backup repeats the epoch that was cut short); a key that the
/// file's header lacks adds a column, and missing values are written as <c>NA</c>. Numbers use the
/// invariant culture and the shortest text that reads back to the same double; NaN and infinities
/// are written as <c>nan</c>, <c>inf</c> and <c>-inf</c>, which pandas and Python read.
/// </remarks>
/// <example>
/// <code>
/// model.Fit(train, epochs: 20, validationData: val, callbacks: [new CSVLogger("models/history.csv")]);
/// </code>
/// </example>
public sealed class CSVLogger : Callback
{
    private readonly List<string> keys = [];
    private readonly List<Dictionary<string, string>> rows = [];
    private bool firstEpochOfRun;

    /// <summary>Initializes a new instance of the <see cref="CSVLogger"/> class.</summary>
    /// <param name="filename">The CSV file; its folder is created when missing.</param>
    /// <param name="separator">The field separator (default <c>,</c>).</param>
    /// <param name="append">Whether to keep the rows already in the file (default false: start a new file).</param>
    /// <exception cref="ArgumentException"><paramref name="filename"/> or <paramref name="separator"/> is empty.</exception>
    public CSVLogger(string filename, string separator = ",", bool append = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filename);
        ArgumentException.ThrowIfNullOrEmpty(separator);
        Filename = filename;
        Separator = separator;
        Append = append;
    }

    /// <summary>Gets the CSV file path.</summary>
    public string Filename { get; }

    /// <summary>Gets the field separator.</summary>
    public string Separator { get; }

    /// <summary>Gets a value indicating whether rows already in the file are kept.</summary>
    public bool Append { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">The existing file has no <c>epoch</c> column in its header.</exception>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        keys.Clear();
        rows.Clear();
        firstEpochOfRun = true;
        if (Append && File.Exists(Filename))
        {
            ReadExisting();
        }
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (firstEpochOfRun)
        {
            firstEpochOfRun = false;
            rows.RemoveAll(row => int.TryParse(row.GetValueOrDefault("epoch"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var e) && e >= epoch);
        }

        foreach (var key in logs.Keys.Order(StringComparer.Ordinal))
        {
            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        var row = new Dictionary<string, string>(StringComparer.Ordinal) { ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture) };
        foreach (var (key, value) in logs)
        {
            row[key] = FormatNumber(value);
        }

        rows.Add(row);
        AtomicFile.WriteAllText(Filename, Render());
    }

    /// <summary>Formats a number as Python's <c>repr</c> of a float does, in the invariant culture.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    internal static string FormatNumber(double value) => value switch
    {
        double.NaN => "nan",
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private void ReadExisting()
    {
        var lines = File.ReadAllLines(Filename).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            return;
        }

        var header = lines[0].Split(Separator);
        if (header.Length == 0 || header[0] != "epoch")
        {
            throw new InvalidDataException(
                $"Cannot append to '{Filename}': its header starts with '{header.FirstOrDefault()}', not 'epoch'; pass append: false to start a new file or choose another file name.");
        }

        keys.AddRange(header.Skip(1));
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(Separator);
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length && i < fields.Length; i++)
            {
                row[header[i]] = fields[i];
            }

            rows.Add(row);
        }
    }

    private string Render()
    {
        var text = new StringBuilder();
        text.Append("epoch");
        foreach (var key in keys)
        {
            text.Append(Separator).Append(key);
        }

        text.Append('\n');
        foreach (var row in rows)
        {
            text.Append(row.GetValueOrDefault("epoch", "NA"));
            foreach (var key in keys)
            {
                text.Append(Separator).Append(row.GetValueOrDefault(key, "NA"));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
