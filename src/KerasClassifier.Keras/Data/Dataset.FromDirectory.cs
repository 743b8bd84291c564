namespace KerasClassifier.Keras.Data;

public static partial class Dataset
{
    /// <summary>
    /// Creates a batched image dataset from a folder with one subfolder per class, modelled on Keras's
    /// <c>image_dataset_from_directory</c>.
    /// </summary>
    /// <param name="directory">
    /// Root folder. Every folder below it that directly contains images is one class, named by its
    /// relative path with '/' separators (for example <c>Fruit/Apple/Golden-Delicious</c>).
    /// </param>
    /// <param name="labels">Only "inferred" (labels from the folder structure) is supported.</param>
    /// <param name="labelMode">
    /// "int" (default) gives sparse class ids; "categorical" also fills <see cref="ImageBatch.CategoricalLabels"/>
    /// with one-hot labels; "binary" needs exactly two classes. Unbatched sources always give int labels.
    /// </param>
    /// <param name="classNames">
    /// Explicit class list that sets the ids, for example the training classes when loading a validation
    /// folder. Every class folder must be in the list; classes without a folder are allowed. Null sorts
    /// the folder names ordinally.
    /// </param>
    /// <param name="colorMode">Only "rgb" is supported: every image is converted to 3 channels.</param>
    /// <param name="batchSize">Images per batch (default 32). Null is not available here: use <see cref="FromDirectoryUnbatched"/>.</param>
    /// <param name="imageSize">Size (height, width) every image is resized to; default (256, 256).</param>
    /// <param name="shuffle">True (default) shuffles the files, with a new order on each pass.</param>
    /// <param name="seed">Seed for shuffling and the validation split; null picks a random one.</param>
    /// <param name="validationSplit">Fraction (0 to 1, exclusive) of the files set aside for validation.</param>
    /// <param name="subset">"training" or "validation" with <paramref name="validationSplit"/>; for both use <see cref="FromDirectorySplit"/>.</param>
    /// <param name="interpolation">"bilinear" (default), "nearest", "bicubic", "mitchellcubic" or "area".</param>
    /// <param name="cropToAspectRatio">True crops the largest centred window with the target aspect ratio before resizing.</param>
    /// <param name="maxPixels">Largest width x height of a stored image; larger files are skipped as unreadable.</param>
    /// <param name="numParallelCalls">Decoding threads: <see cref="Autotune"/> (default) uses one per processor; 1 or null decodes on the consuming thread.</param>
    /// <returns>A dataset of <see cref="ImageBatch"/> with its class names and file list.</returns>
    /// <remarks>
    /// Differences from Keras: class folders may be nested (each folder that directly contains images is
    /// a class, where Keras takes only the first level); <c>.webp</c> files are accepted; the per-pass
    /// shuffle buffer contains all file paths (Keras uses a buffer of 8 batches), which is a uniform shuffle.
    /// Images are decoded on <paramref name="numParallelCalls"/> worker threads in a fixed order, and two
    /// batches are prepared ahead on a background thread, as Keras's <c>prefetch(AUTOTUNE)</c>.
    /// </remarks>
    /// <example>
    /// <code>
    /// var train = Dataset.FromDirectory("data/train", imageSize: (128, 128), validationSplit: 0.2, subset: "training", seed: 1337);
    /// var val = Dataset.FromDirectory("data/train", imageSize: (128, 128), validationSplit: 0.2, subset: "validation", seed: 1337);
    /// </code>
    /// </example>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="ArgumentException">An argument is invalid, no images were found, or a folder is not in <paramref name="classNames"/>.</exception>
    /// <exception cref="NotSupportedException">A Keras option this pipeline does not implement was requested.</exception>
    public static ImageDataset<ImageBatch> FromDirectory(
        string directory,
        string labels = "inferred",
        string labelMode = "int",
        IReadOnlyList<string>? classNames = null,
        string colorMode = "rgb",
        int? batchSize = 32,
        (int Height, int Width)? imageSize = null,
        bool shuffle = true,
        int? seed = null,
        double? validationSplit = null,
        string? subset = null,
        string interpolation = "bilinear",
        bool cropToAspectRatio = false,
        long maxPixels = SkiaImageDecoder.DefaultMaxPixels,
        int? numParallelCalls = Autotune)
    {
        int size = ValidateBatchSize(batchSize, nameof(FromDirectoryUnbatched));
        if (subset == "both")
        {
            throw new ArgumentException(
                "subset \"both\" returns two datasets; call Dataset.FromDirectorySplit instead.", nameof(subset));
        }

        var (files, names, settings) = IndexDirectory(
            directory, labels, labelMode, classNames, colorMode, imageSize, shuffle, seed,
            validationSplit, subset, interpolation, cropToAspectRatio, maxPixels, numParallelCalls);

        return ImageDatasetBuilder.Batched(files, names, settings, size);
    }

    /// <summary>
    /// Creates an unbatched image dataset from a folder with one subfolder per class: the form of
    /// <c>image_dataset_from_directory(batch_size=None)</c>.
    /// </summary>
    /// <inheritdoc cref="FromDirectory" path="/param"/>
    /// <returns>A dataset of <see cref="ImageExample"/> with its class names and file list.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="ArgumentException">An argument is invalid, no images were found, or a folder is not in <paramref name="classNames"/>.</exception>
    /// <exception cref="NotSupportedException">A Keras option this pipeline does not implement was requested.</exception>
    public static ImageDataset<ImageExample> FromDirectoryUnbatched(
        string directory,
        string labels = "inferred",
        IReadOnlyList<string>? classNames = null,
        string colorMode = "rgb",
        (int Height, int Width)? imageSize = null,
        bool shuffle = true,
        int? seed = null,
        double? validationSplit = null,
        string? subset = null,
        string interpolation = "bilinear",
        bool cropToAspectRatio = false,
        long maxPixels = SkiaImageDecoder.DefaultMaxPixels,
        int? numParallelCalls = Autotune)
    {
        if (subset == "both")
        {
            throw new ArgumentException(
                "subset \"both\" returns two datasets; call Dataset.FromDirectorySplit instead.", nameof(subset));
        }

        var (files, names, settings) = IndexDirectory(
            directory, labels, "int", classNames, colorMode, imageSize, shuffle, seed,
            validationSplit, subset, interpolation, cropToAspectRatio, maxPixels, numParallelCalls);

        return ImageDatasetBuilder.Unbatched(files, names, settings);
    }

    /// <summary>
    /// Creates the training and validation datasets of one folder at once: the form of
    /// <c>image_dataset_from_directory(subset="both")</c>. The two subsets never share a file.
    /// </summary>
    /// <inheritdoc cref="FromDirectory" path="/param"/>
    /// <returns>The training and validation datasets, batched.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="ArgumentException">An argument is invalid, no images were found, or a folder is not in <paramref name="classNames"/>.</exception>
    /// <exception cref="NotSupportedException">A Keras option this pipeline does not implement was requested.</exception>
    public static (ImageDataset<ImageBatch> Training, ImageDataset<ImageBatch> Validation) FromDirectorySplit(
        string directory,
        double validationSplit,
        int? seed,
        string labels = "inferred",
        string labelMode = "int",
        IReadOnlyList<string>? classNames = null,
        string colorMode = "rgb",
        int? batchSize = 32,
        (int Height, int Width)? imageSize = null,
        bool shuffle = true,
        string interpolation = "bilinear",
        bool cropToAspectRatio = false,
        long maxPixels = SkiaImageDecoder.DefaultMaxPixels,
        int? numParallelCalls = Autotune)
    {
        int size = ValidateBatchSize(batchSize, nameof(FromDirectoryUnbatched));

        var (training, names, settings) = IndexDirectory(
            directory, labels, labelMode, classNames, colorMode, imageSize, shuffle, seed,
            validationSplit, "training", interpolation, cropToAspectRatio, maxPixels, numParallelCalls);
        var (validation, _, _) = IndexDirectory(
            directory, labels, labelMode, classNames, colorMode, imageSize, shuffle, settings.Seed,
            validationSplit, "validation", interpolation, cropToAspectRatio, maxPixels, numParallelCalls);

        return (
            ImageDatasetBuilder.Batched(training, names, settings, size),
            ImageDatasetBuilder.Batched(validation, names, settings, size));
    }

    private static int ValidateBatchSize(int? batchSize, string unbatchedMethod)
    {
        if (batchSize is null)
        {
            throw new ArgumentException(
                $"batchSize null (unbatched) needs a different element type; call Dataset.{unbatchedMethod} instead.",
                nameof(batchSize));
        }

        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be at least 1.");
        }

        return batchSize.Value;
    }

    private static (List<ImageFile> Files, IReadOnlyList<string> ClassNames, ImageSourceSettings Settings) IndexDirectory(
        string directory,
        string labels,
        string labelMode,
        IReadOnlyList<string>? classNames,
        string colorMode,
        (int Height, int Width)? imageSize,
        bool shuffle,
        int? seed,
        double? validationSplit,
        string? subset,
        string interpolation,
        bool cropToAspectRatio,
        long maxPixels,
        int? numParallelCalls)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels != "inferred")
        {
            throw new NotSupportedException($"labels '{labels}' is not supported; only \"inferred\" (labels from the folder names) is.");
        }

        ValidateSplit(validationSplit, subset, shuffle, seed);
        ImageSourceSettings settings = ImageSourceSettings.Create(
            labelMode, colorMode, imageSize, interpolation, cropToAspectRatio, shuffle, seed, numParallelCalls, maxPixels);

        // Index, then shuffle the file list once with the seed so that a split draws from every class.
        ImageDirectoryIndex index = ImageDirectoryIndex.Scan(directory, classNames);
        List<ImageFile> files = shuffle
            ? ImageDatasetBuilder.ShuffleOnce(index.Files, settings.Seed)
            : index.Files.ToList();

        if (validationSplit is double split)
        {
            var (training, validation) = ImageDatasetBuilder.Split(files, split);
            files = subset == "training" ? training : validation;
            if (files.Count == 0)
            {
                throw new ArgumentException(
                    $"validationSplit {split} of {index.Files.Count} images in '{directory}' leaves the {subset} subset empty.",
                    nameof(validationSplit));
            }
        }

        return (files, index.ClassNames, settings);
    }

    private static void ValidateSplit(double? validationSplit, string? subset, bool shuffle, int? seed)
    {
        if (subset is not null and not "training" and not "validation")
        {
            throw new ArgumentException(
                $"subset '{subset}' is not valid; expected \"training\", \"validation\" or \"both\".", nameof(subset));
        }

        if (validationSplit is null)
        {
            if (subset is not null)
            {
                throw new ArgumentException($"subset '{subset}' needs validationSplit to be set.", nameof(subset));
            }

            return;
        }

        if (validationSplit is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(validationSplit), validationSplit, "validationSplit must be between 0 and 1 (exclusive).");
        }

        if (subset is null)
        {
            throw new ArgumentException(
                "validationSplit needs subset \"training\" or \"validation\" (or call Dataset.FromDirectorySplit).", nameof(subset));
        }

        if (shuffle && seed is null)
        {
            throw new ArgumentException(
                "validationSplit with shuffle needs a seed, so that the training and validation subsets do not overlap.", nameof(seed));
        }
    }
}
