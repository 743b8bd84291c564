namespace KerasClassifier.Cli.CommandLine;

/// <summary>Reads the model path of a command that takes it either as its one positional argument or as <c>--model PATH</c>.</summary>
internal static class ModelArgument
{
    /// <summary>Returns the model path from <c>MODEL</c> or <c>--model PATH</c>.</summary>
    /// <param name="parsed">The parsed arguments; the command allows one positional argument and a <c>model</c> option.</param>
    /// <param name="command">The command name, for messages.</param>
    /// <returns>The model path as given.</returns>
    /// <exception cref="UsageException">Neither form is given, or both are given with different paths.</exception>
    public static string Resolve(ParsedArguments parsed, string command)
    {
        var positional = parsed.Positional.Count == 1 ? parsed.Positional[0] : null;
        var option = parsed.GetString("model");
        if (positional is not null && option is not null && positional != option)
        {
            throw new UsageException($"{command} received two models, '{positional}' and --model '{option}'; give one.");
        }

        return positional ?? option
            ?? throw new UsageException($"{command} needs a model file: kerasclassifier {command} MODEL --data PATH (or --model MODEL).");
    }
}
