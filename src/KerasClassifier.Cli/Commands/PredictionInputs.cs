using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Keras.Data;

namespace KerasClassifier.Cli.Commands;

/// <summary>Finds the image files that predict reads from a file, a folder or a list file.</summary>
internal static class PredictionInputs
{
    public static IReadOnlyList<string> Find(string path)
    {
        if (Directory.Exists(path))
        {
            var images = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(IsImage)
                .Order(StringComparer.Ordinal)
                .ToList();
            return images.Count > 0
                ? images
                : throw new UsageException($"--data '{path}' contains no images; expected files ending in {ImageFormats.ExtensionList}.");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"--data '{path}' does not exist; expected an image, a folder of images or a list file.");
        }

        if (IsImage(path))
        {
            return [path];
        }

        // A list file: the first comma-separated column is a path relative to the list's folder.
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var files = File.ReadLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => Path.Combine(folder, line.Split(',')[0].Trim()))
            .ToList();
        return files.Count > 0 ? files : throw new UsageException($"--data '{path}' lists no images.");
    }

    private static bool IsImage(string file) => ImageFormats.Extensions.Contains(Path.GetExtension(file).ToLowerInvariant());
}
