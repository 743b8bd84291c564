namespace KerasClassifier.Keras.Data;

/// <summary>
/// A dataset of images read from files, with the class names and file list behind it, as returned by
/// <see cref="Dataset.FromDirectory"/> and <see cref="Dataset.FromListFile"/>.
/// </summary>
/// <remarks>
/// Unreadable images are skipped during enumeration, not thrown: each one raises <see cref="Warning"/>
/// once and is counted in <see cref="SkippedCount"/>. Operators applied to this dataset return plain
/// datasets, so keep a reference to this one to read the class names and skip count later.
/// </remarks>
/// <typeparam name="T">Element type: <see cref="ImageBatch"/> or <see cref="ImageExample"/>.</typeparam>
public sealed class ImageDataset<T> : Dataset<T>
{
    private readonly Dataset<T> _pipeline;
    private readonly ImageLoader _loader;

    internal ImageDataset(
        Dataset<T> pipeline,
        ImageLoader loader,
        IReadOnlyList<string> classNames,
        IReadOnlyList<string> filePaths,
        IReadOnlyList<int> labels)
    {
        _pipeline = pipeline;
        _loader = loader;
        ClassNames = classNames;
        FilePaths = filePaths;
        Labels = labels;
    }

    /// <summary>
    /// Raised once for each image file that cannot be decoded and is skipped. Handlers may run on a
    /// worker thread.
    /// </summary>
    public event EventHandler<DatasetWarningEventArgs>? Warning
    {
        add => _loader.Warning += value;
        remove => _loader.Warning -= value;
    }

    /// <summary>Gets the class names; a label is an index into this list.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Gets the image files of this dataset (this subset only), in the order they were indexed.</summary>
    public IReadOnlyList<string> FilePaths { get; }

    /// <summary>Gets the label of each entry of <see cref="FilePaths"/>.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>
    /// Gets the number of distinct files skipped as unreadable so far, over all passes. A skipped file is
    /// not retried on later passes.
    /// </summary>
    public int SkippedCount => _loader.SkippedCount;

    /// <summary>Gets the files skipped so far with the reason for each.</summary>
    public IReadOnlyDictionary<string, string> SkippedFiles => _loader.SkippedFiles;

    /// <inheritdoc/>
    public override long Cardinality => _pipeline.Cardinality;

    /// <inheritdoc/>
    public override IEnumerator<T> GetEnumerator() => _pipeline.GetEnumerator();
}
