using System.Globalization;
using KerasClassifier.Keras.Callbacks;

namespace KerasClassifier.Cli.Reports;

/// <summary>The per-epoch logs of a run, as the history CSV stores them, for the report plot.</summary>
/// <param name="Epochs">The 1-based epoch numbers, in order.</param>
/// <param name="Values">Each log key's value per epoch; NaN where an epoch lacks the key.</param>
internal sealed record TrainingHistory(IReadOnlyList<int> Epochs, IReadOnlyDictionary<string, double[]> Values)
{
    /// <summary>Reads a file written by <see cref="CSVLogger"/> with the comma separator.</summary>
    /// <exception cref="InvalidDataException">The header does not start with <c>epoch</c> or a field is not a number.</exception>
    public static TrainingHistory ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || !lines[0].StartsWith("epoch", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"History file '{path}' has no 'epoch' header line.");
        }

        var keys = lines[0].Split(',');
        var epochs = new List<int>();
        var columns = keys.Skip(1).ToDictionary(k => k, _ => new List<double>());
        for (var row = 1; row < lines.Count; row++)
        {
            var fields = lines[row].Split(',');
            epochs.Add(int.Parse(fields[0], CultureInfo.InvariantCulture) + 1);
            for (var i = 1; i < keys.Length; i++)
            {
                columns[keys[i]].Add(i < fields.Length ? ParseValue(fields[i], path, row + 1) : double.NaN);
            }
        }

        return new TrainingHistory(epochs, columns.ToDictionary(c => c.Key, c => c.Value.ToArray()));
    }

    private static double ParseValue(string text, string path, int line) => text switch
    {
        "NA" or "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new InvalidDataException($"History file '{path}', line {line}: '{text}' is not a number."),
    };
}
