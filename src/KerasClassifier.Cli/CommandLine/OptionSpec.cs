namespace KerasClassifier.Cli.CommandLine;

/// <summary>One command-line option: its name, whether it takes a value, and its help text.</summary>
/// <param name="Name">The long name without dashes, e.g. <c>batch-size</c>.</param>
/// <param name="ValueName">The value's placeholder in help, e.g. <c>N</c>; null for a flag.</param>
/// <param name="Help">What the option sets, with its unit and default.</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Help)
{
    public bool IsFlag => ValueName is null;
}
