using System.Globalization;

namespace KerasClassifier.Keras.Data;

/// <summary>
/// Reads a text list of images: one <c>path, label</c> line per image; further comma-separated columns
/// are ignored, and blank lines and lines starting with '#' are skipped.
/// </summary>
/// <remarks>Paths may not contain commas, because the comma separates the columns.</remarks>
internal static class ImageListFile
{
    /// <summary>
    /// Reads and validates a list file.
    /// </summary>
    /// <param name="listFile">The list file.</param>
    /// <param name="root">Folder relative paths start from; null uses the list file's folder.</param>
    /// <param name="numClasses">Number of classes; null infers the largest label + 1.</param>
    /// <returns>The files in list order and the number of classes.</returns>
    /// <exception cref="FileNotFoundException">The list file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is malformed, a label is out of range, or an image is missing.</exception>
    public static (List<ImageFile> Files, int NumClasses) Read(string listFile, string? root, int? numClasses)
    {
        if (!File.Exists(listFile))
        {
            throw new FileNotFoundException($"List file '{listFile}' was not found.", listFile);
        }

        string baseFolder = Path.GetFullPath(root ?? Path.GetDirectoryName(Path.GetFullPath(listFile))!);
        var files = new List<ImageFile>();
        int lineNumber = 0;

        foreach (string rawLine in File.ReadLines(listFile))
        {
            lineNumber++;
            string line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            files.Add(ParseLine(listFile, lineNumber, line, baseFolder, numClasses));
        }

        if (files.Count == 0)
        {
            throw new InvalidDataException($"List file '{listFile}' contains no image lines; expected lines of the form 'path, label'.");
        }

        return (files, numClasses ?? files.Max(file => file.Label) + 1);
    }

    private static ImageFile ParseLine(string listFile, int lineNumber, string line, string baseFolder, int? numClasses)
    {
        string[] columns = line.Split(',');
        if (columns.Length < 2)
        {
            throw new InvalidDataException($"{listFile} line {lineNumber}: '{line}' has no label; expected 'path, label'.");
        }

        string relativePath = columns[0].Trim();
        string labelText = columns[1].Trim();
        if (relativePath.Length == 0)
        {
            throw new InvalidDataException($"{listFile} line {lineNumber}: the path is empty; expected 'path, label'.");
        }

        if (!int.TryParse(labelText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int label) || label < 0)
        {
            throw new InvalidDataException(
                $"{listFile} line {lineNumber}: label '{labelText}' is not valid; expected an integer class id of at least 0.");
        }

        if (numClasses is int count && label >= count)
        {
            throw new InvalidDataException(
                $"{listFile} line {lineNumber}: label {label} is out of range; expected 0 to {count - 1} for {count} classes.");
        }

        string path = Path.GetFullPath(Path.Combine(baseFolder, relativePath));
        if (!File.Exists(path))
        {
            throw new InvalidDataException(
                $"{listFile} line {lineNumber}: image '{relativePath}' was not found; expected it at '{path}'.");
        }

        return new ImageFile(path, label);
    }
}
