using KerasClassifier.Cli.CommandLine;

namespace KerasClassifier.Cli.Commands;

/// <summary>The <c>summary</c> command: prints a saved model's Keras summary table.</summary>
internal sealed class SummaryCommand
{
    public static readonly OptionSpec[] Options = [new("help", null, "Show this help.")];

    private readonly TextWriter results;
    private readonly TextWriter diagnostics;

    public SummaryCommand(TextWriter results, TextWriter diagnostics)
    {
        this.results = results;
        this.diagnostics = diagnostics;
    }

    public static string Help => ArgumentParser.FormatHelp(
        "kerasclassifier summary MODEL",
        "Prints the layers, output shapes and parameter counts of a .keras or .h5 file or a SavedModel folder.",
        Options);

    public int Run(IReadOnlyList<string> args)
    {
        var parsed = ArgumentParser.Parse("summary", args, Options, maxPositional: 1);
        if (parsed.Has("help"))
        {
            results.WriteLine(Help);
            return ExitCodes.Success;
        }

        var path = parsed.Positional.Count == 1 ? parsed.Positional[0] : throw new UsageException("summary needs a model file: kerasclassifier summary MODEL.");
        var model = ModelFiles.Load(path, diagnostics);
        results.WriteLine(model.Summary());
        return ExitCodes.Success;
    }
}
