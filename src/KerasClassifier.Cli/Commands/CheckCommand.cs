using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Cli.Rendering;
using KerasClassifier.Keras.Data;

namespace KerasClassifier.Cli.Commands;

/// <summary>The <c>check</c> command: reports what could spoil training on a dataset before any training runs.</summary>
internal sealed class CheckCommand
{
    public static readonly OptionSpec[] Options =
    [
        new("data", "PATH", "Training photos: a folder with one subfolder per class, or a list file of 'path, label' lines."),
        new("val", "PATH", "Validation photos, same forms as --data."),
        new("headers-only", null, "Read image headers only instead of decoding every image (faster; misses corrupt image data)."),
        new("help", null, "Show this help."),
    ];

    private readonly TextWriter results;

    public CheckCommand(TextWriter results)
    {
        this.results = results;
    }

    public static string Help => ArgumentParser.FormatHelp(
        "kerasclassifier check --data PATH [--val PATH]",
        "Reports per-class counts and imbalance, unreadable files, exact duplicates, tiny images, files shared between training and validation, classes missing from validation, and balanced class weights.",
        Options);

    public int Run(IReadOnlyList<string> args)
    {
        var parsed = ArgumentParser.Parse("check", args, Options);
        if (parsed.Has("help"))
        {
            results.WriteLine(Help);
            return ExitCodes.Success;
        }

        var data = parsed.GetString("data") ?? throw new UsageException("check needs --data PATH (a folder with one subfolder per class, or a list file).");
        var validationPath = parsed.GetString("val");
        DataSelection.RequireExists(data, "--data");
        if (validationPath is not null)
        {
            DataSelection.RequireExists(validationPath, "--val");
        }

        // The check reads the files behind the datasets; the size only matters for the pipelines, which are not iterated.
        var training = DataSelection.Open(data, "--data", (32, 32), 32, false, 0, null);
        var validation = validationPath is null ? null : DataSelection.Open(validationPath, "--val", (32, 32), 32, false, 0, training.ClassNames);
        var report = DatasetCheck.Run(training, validation, decode: !parsed.Has("headers-only"));
        DatasetCheckWriter.WriteReport(report, data, validationPath, results);
        return ExitCodes.Success;
    }
}
