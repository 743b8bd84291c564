namespace KerasClassifier.Keras.Data;

/// <summary>
/// Builds the shuffle, decode, batch and prefetch pipeline over a list of image files.
/// </summary>
internal static class ImageDatasetBuilder
{
    /// <summary>Batches prepared ahead of the consumer by the image sources, as Keras's <c>prefetch(AUTOTUNE)</c>.</summary>
    private const int PrefetchBatches = 2;

    /// <summary>
    /// Builds an unbatched dataset over <paramref name="files"/>: shuffled paths (when enabled), then decoding.
    /// </summary>
    public static ImageDataset<ImageExample> Unbatched(
        IReadOnlyList<ImageFile> files,
        IReadOnlyList<string> classNames,
        ImageSourceSettings settings)
    {
        var loader = new ImageLoader(new SkiaImageDecoder(settings.MaxPixels), settings.Resize);

        return new ImageDataset<ImageExample>(
            Decode(files, loader, settings),
            loader,
            classNames,
            files.Select(file => file.Path).ToList(),
            files.Select(file => file.Label).ToList());
    }

    /// <summary>
    /// Builds a batched dataset over <paramref name="files"/>, with batches prepared on a background thread.
    /// </summary>
    public static ImageDataset<ImageBatch> Batched(
        IReadOnlyList<ImageFile> files,
        IReadOnlyList<string> classNames,
        ImageSourceSettings settings,
        int batchSize)
    {
        settings.ValidateClassCount(classNames.Count);
        var loader = new ImageLoader(new SkiaImageDecoder(settings.MaxPixels), settings.Resize);

        Dataset<ImageBatch> batches = new BatchDataset(
                Decode(files, loader, settings), batchSize, dropRemainder: false, settings.LabelMode, classNames.Count)
            .Prefetch(PrefetchBatches);

        return new ImageDataset<ImageBatch>(
            batches,
            loader,
            classNames,
            files.Select(file => file.Path).ToList(),
            files.Select(file => file.Label).ToList());
    }

    /// <summary>
    /// Shuffles the file list once with the seed, as Keras does before splitting, so a validation
    /// split draws from every class.
    /// </summary>
    public static List<ImageFile> ShuffleOnce(IReadOnlyList<ImageFile> files, int seed)
    {
        var shuffled = files.ToList();
        Random random = DatasetRandom.Create(seed);
        for (int i = shuffled.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        return shuffled;
    }

    /// <summary>
    /// Splits files into training and validation parts: the last <c>floor(validationSplit * count)</c>
    /// files are the validation part, as in Keras.
    /// </summary>
    public static (List<ImageFile> Training, List<ImageFile> Validation) Split(
        IReadOnlyList<ImageFile> files,
        double validationSplit)
    {
        int validationCount = (int)(validationSplit * files.Count);
        int trainingCount = files.Count - validationCount;

        return (files.Take(trainingCount).ToList(), files.Skip(trainingCount).ToList());
    }

    private static ImageLoadDataset Decode(IReadOnlyList<ImageFile> files, ImageLoader loader, ImageSourceSettings settings)
    {
        // Shuffling paths before decoding keeps the shuffle buffer cheap, so it can hold every file.
        Dataset<ImageFile> paths = Dataset.FromItems(files);
        if (settings.Shuffle && files.Count > 1)
        {
            paths = paths.Shuffle(files.Count, settings.Seed);
        }

        return new ImageLoadDataset(paths, loader, settings.Workers);
    }
}
