namespace KerasClassifier.Cli.CommandLine;

/// <summary>Parses <c>--name value</c>, <c>--name=value</c> and flags against a command's option list.</summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(string command, IReadOnlyList<string> args, IReadOnlyList<OptionSpec> options, int maxPositional = 0)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                if (positional.Count >= maxPositional)
                {
                    throw new UsageException($"unexpected argument '{arg}' for '{command}'; run 'kerasclassifier {command} --help' for the options.");
                }

                positional.Add(arg);
                continue;
            }

            var body = arg[2..];
            string? inlineValue = null;
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inlineValue = body[(equals + 1)..];
                body = body[..equals];
            }

            var spec = options.FirstOrDefault(o => o.Name == body)
                ?? throw new UsageException($"unknown option '--{body}' for '{command}'; run 'kerasclassifier {command} --help' for the options.");
            if (values.ContainsKey(spec.Name))
            {
                throw new UsageException($"option '--{spec.Name}' is given more than once.");
            }

            if (spec.IsFlag)
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"option '--{spec.Name}' takes no value; received '{inlineValue}'.");
                }

                values[spec.Name] = null;
                continue;
            }

            if (inlineValue is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"option '--{spec.Name}' needs a value ({spec.ValueName}).");
                }

                inlineValue = args[++i];
            }

            values[spec.Name] = inlineValue;
        }

        return new ParsedArguments(command, values, positional);
    }

    public static string FormatHelp(string usage, string description, IReadOnlyList<OptionSpec> options)
    {
        var lines = new List<string> { $"Usage: {usage}", string.Empty, description, string.Empty, "Options:" };
        var width = options.Max(o => o.Name.Length + (o.ValueName?.Length + 1 ?? 0)) + 4;
        foreach (var option in options)
        {
            var left = "--" + option.Name + (option.ValueName is null ? string.Empty : " " + option.ValueName);
            lines.Add($"  {left.PadRight(width)}{option.Help}");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
