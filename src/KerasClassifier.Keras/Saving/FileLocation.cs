namespace KerasClassifier.Keras.Saving;

/// <summary>
/// Where a reader is: the file on disk and, inside a <c>.keras</c> archive, the member. Every
/// error about a model file is built here so that it names both and the inner path.
/// </summary>
internal sealed class FileLocation
{
    /// <summary>Initializes a new instance of the <see cref="FileLocation"/> class.</summary>
    /// <param name="filePath">The file or folder the caller passed.</param>
    /// <param name="member">The archive member being read, e.g. <c>model.weights.h5</c>; null for a plain file.</param>
    public FileLocation(string filePath, string? member = null)
    {
        FilePath = filePath;
        Member = member;
    }

    /// <summary>Gets the file or folder path.</summary>
    public string FilePath { get; }

    /// <summary>Gets the archive member, if any.</summary>
    public string? Member { get; }

    /// <summary>Returns a location for a member of this archive.</summary>
    /// <param name="member">The member name.</param>
    /// <returns>The location.</returns>
    public FileLocation In(string member) => new(FilePath, member);

    /// <summary>Formats a position for messages, e.g. <c>'m.keras' at model.weights.h5:/layers/dense/vars/0</c>.</summary>
    /// <param name="innerPath">The HDF5 path or JSON key; null for the member or file itself.</param>
    /// <returns>The text.</returns>
    public string Describe(string? innerPath = null)
    {
        var inner = (Member, innerPath) switch
        {
            (null, null) => null,
            (null, _) => innerPath,
            (_, null) => Member,
            _ => $"{Member}:{innerPath}",
        };
        return inner is null ? $"'{FilePath}'" : $"'{FilePath}' at {inner}";
    }

    /// <summary>Creates the error for malformed content.</summary>
    /// <param name="innerPath">The HDF5 path or JSON key; null for the member or file itself.</param>
    /// <param name="detail">What is wrong, as a sentence.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    /// <returns>The exception to throw.</returns>
    public InvalidDataException Invalid(string? innerPath, string detail, Exception? inner = null) =>
        new($"Invalid Keras file {Describe(innerPath)}: {detail}", inner);

    /// <summary>Creates the error for content this library cannot load.</summary>
    /// <param name="innerPath">The HDF5 path or JSON key; null for the member or file itself.</param>
    /// <param name="detail">What is not supported and, when known, what to do.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    /// <returns>The exception to throw.</returns>
    public NotSupportedException Unsupported(string? innerPath, string detail, Exception? inner = null) =>
        new($"Cannot load {Describe(innerPath)}: {detail}", inner);
}
