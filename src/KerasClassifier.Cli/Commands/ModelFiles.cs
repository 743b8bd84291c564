using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving;

namespace KerasClassifier.Cli.Commands;

/// <summary>Opens the model files that the predict and summary commands take, with the class names saved beside them.</summary>
internal static class ModelFiles
{
    public static Model Load(string path, TextWriter diagnostics)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new UsageException($"model '{path}' does not exist; expected a .keras or .h5 file or a SavedModel folder.");
        }

        var result = KerasModels.Load(path, compile: false);
        foreach (var warning in result.Warnings)
        {
            diagnostics.WriteLine("warning: " + warning);
        }

        return result.Model;
    }

    /// <summary>Reads the class names that fit saves beside a model; null when there is no list.</summary>
    public static IReadOnlyList<string>? ReadClassNames(string modelPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(modelPath.TrimEnd('/', '\\')))!;
        var listPath = Path.Combine(folder, FitCommand.ClassNamesFileName);
        return File.Exists(listPath) ? File.ReadAllLines(listPath).Where(l => l.Length > 0).ToArray() : null;
    }
}
