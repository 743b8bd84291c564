using System.Globalization;

namespace KerasClassifier.Keras.Data;

public static partial class Dataset
{
    /// <summary>
    /// Creates a batched image dataset from a text list of <c>path, label</c> lines.
    /// </summary>
    /// <param name="listFile">
    /// Text file with one image per line: <c>path, label</c>, further comma-separated columns ignored.
    /// Blank lines and lines starting with '#' are skipped. Paths may not contain commas.
    /// </param>
    /// <param name="root">Folder that relative paths start from; null (default) uses the list file's folder.</param>
    /// <param name="numClasses">Number of classes; null takes the length of <paramref name="classNames"/>, else the largest label + 1.</param>
    /// <param name="classNames">Names of the classes, indexed by label; null names each class by its id ("0", "1", ...).</param>
    /// <param name="labelMode">
    /// "int" (default) gives sparse class ids; "categorical" also fills <see cref="ImageBatch.CategoricalLabels"/>
    /// with one-hot labels; "binary" needs exactly two classes. Unbatched sources always give int labels.
    /// </param>
    /// <param name="batchSize">Images per batch (default 32). Null is not available here: use <see cref="FromListFileUnbatched"/>.</param>
    /// <param name="imageSize">Size (height, width) every image is resized to; default (256, 256).</param>
    /// <param name="shuffle">True (default) shuffles the files, with a new order on each pass.</param>
    /// <param name="seed">Seed for shuffling; null picks a random one.</param>
    /// <param name="interpolation">"bilinear" (default), "nearest", "bicubic", "mitchellcubic" or "area".</param>
    /// <param name="cropToAspectRatio">True crops the largest centred window with the target aspect ratio before resizing.</param>
    /// <param name="maxPixels">Largest width x height of a stored image; larger files are skipped as unreadable.</param>
    /// <param name="numParallelCalls">Decoding threads: <see cref="Autotune"/> (default) uses one per processor; 1 or null decodes on the consuming thread.</param>
    /// <returns>A dataset of <see cref="ImageBatch"/> with its class names and file list.</returns>
    /// <exception cref="FileNotFoundException"><paramref name="listFile"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is malformed, a label is out of range, or a listed image is missing.</exception>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public static ImageDataset<ImageBatch> FromListFile(
        string listFile,
        string? root = null,
        int? numClasses = null,
        IReadOnlyList<string>? classNames = null,
        string labelMode = "int",
        int? batchSize = 32,
        (int Height, int Width)? imageSize = null,
        bool shuffle = true,
        int? seed = null,
        string interpolation = "bilinear",
        bool cropToAspectRatio = false,
        long maxPixels = SkiaImageDecoder.DefaultMaxPixels,
        int? numParallelCalls = Autotune)
    {
        int size = ValidateBatchSize(batchSize, nameof(FromListFileUnbatched));
        var (files, names, settings) = ReadListFile(
            listFile, root, numClasses, classNames, labelMode, imageSize, shuffle, seed, interpolation, cropToAspectRatio, maxPixels, numParallelCalls);

        return ImageDatasetBuilder.Batched(files, names, settings, size);
    }

    /// <summary>
    /// Creates an unbatched image dataset from a text list of <c>path, label</c> lines.
    /// </summary>
    /// <inheritdoc cref="FromListFile" path="/param"/>
    /// <returns>A dataset of <see cref="ImageExample"/> with its class names and file list.</returns>
    /// <exception cref="FileNotFoundException"><paramref name="listFile"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is malformed, a label is out of range, or a listed image is missing.</exception>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public static ImageDataset<ImageExample> FromListFileUnbatched(
        string listFile,
        string? root = null,
        int? numClasses = null,
        IReadOnlyList<string>? classNames = null,
        (int Height, int Width)? imageSize = null,
        bool shuffle = true,
        int? seed = null,
        string interpolation = "bilinear",
        bool cropToAspectRatio = false,
        long maxPixels = SkiaImageDecoder.DefaultMaxPixels,
        int? numParallelCalls = Autotune)
    {
        var (files, names, settings) = ReadListFile(
            listFile, root, numClasses, classNames, "int", imageSize, shuffle, seed, interpolation, cropToAspectRatio, maxPixels, numParallelCalls);

        return ImageDatasetBuilder.Unbatched(files, names, settings);
    }

    private static (List<ImageFile> Files, IReadOnlyList<string> ClassNames, ImageSourceSettings Settings) ReadListFile(
        string listFile,
        string? root,
        int? numClasses,
        IReadOnlyList<string>? classNames,
        string labelMode,
        (int Height, int Width)? imageSize,
        bool shuffle,
        int? seed,
        string interpolation,
        bool cropToAspectRatio,
        long maxPixels,
        int? numParallelCalls)
    {
        ArgumentNullException.ThrowIfNull(listFile);
        if (numClasses is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "numClasses must be at least 1.");
        }

        if (classNames is not null && numClasses is not null && classNames.Count != numClasses)
        {
            throw new ArgumentException(
                $"classNames has {classNames.Count} names but numClasses is {numClasses}; give one or make them agree.",
                nameof(classNames));
        }

        ImageSourceSettings settings = ImageSourceSettings.Create(
            labelMode, "rgb", imageSize, interpolation, cropToAspectRatio, shuffle, seed, numParallelCalls, maxPixels);

        var (files, count) = ImageListFile.Read(listFile, root, numClasses ?? classNames?.Count);
        IReadOnlyList<string> names = classNames?.ToList()
            ?? Enumerable.Range(0, count).Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();

        return (files, names, settings);
    }
}
