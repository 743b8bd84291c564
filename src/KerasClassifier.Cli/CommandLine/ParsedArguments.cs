using System.Globalization;

namespace KerasClassifier.Cli.CommandLine;

/// <summary>The options given to one command, with typed accessors that reject bad values in one line.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, string?> values;

    public ParsedArguments(string command, Dictionary<string, string?> values, IReadOnlyList<string> positional)
    {
        Command = command;
        this.values = values;
        Positional = positional;
    }

    public string Command { get; }

    public IReadOnlyList<string> Positional { get; }

    public bool Has(string name) => values.ContainsKey(name);

    public string? GetString(string name) => values.TryGetValue(name, out var value) ? value : null;

    public int? GetInt(string name, int min, int max = int.MaxValue)
    {
        var text = GetString(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            var range = max == int.MaxValue ? $"an integer >= {min}" : $"an integer from {min} to {max}";
            throw new UsageException($"invalid value '{text}' for --{name}; expected {range}.");
        }

        return value;
    }

    public double? GetDouble(string name, double exclusiveMin) =>
        GetNumber(name, value => value > exclusiveMin && !double.IsInfinity(value), $"a number greater than {exclusiveMin.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Reads a number from 0 up to, but not including, 1, such as a label-smoothing factor.</summary>
    public double? GetFraction(string name) =>
        GetNumber(name, value => value >= 0 && value < 1, "a number from 0 up to, but not including, 1");

    /// <summary>Reads a number option, or null when it is absent.</summary>
    /// <exception cref="UsageException">The text is not a number, or <paramref name="isValid"/> rejects it. The message names <paramref name="expected"/>.</exception>
    private double? GetNumber(string name, Func<double, bool> isValid, string expected)
    {
        var text = GetString(name);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !isValid(value))
        {
            throw new UsageException($"invalid value '{text}' for --{name}; expected {expected}.");
        }

        return value;
    }

    public string? GetChoice(string name, params string[] choices)
    {
        var text = GetString(name);
        if (text is null)
        {
            return null;
        }

        var match = choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new UsageException($"invalid value '{text}' for --{name}; expected one of {string.Join(", ", choices)}.");
    }
}
