namespace KerasClassifier.Keras.IO;

/// <summary>
/// Atomic writes for callback and report files: creates the target's folder when missing, then
/// writes through <see cref="Saving.AtomicFile"/> (temporary file beside the target, flush, rename).
/// </summary>
/// <remarks>A reader, or a run killed mid-write, finds either the old file or the new one, never a partial file.</remarks>
internal static class AtomicFile
{
    /// <summary>Writes bytes produced by <paramref name="write"/> to <paramref name="path"/> atomically, creating the folder if needed.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the content to the stream it receives.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Saving.AtomicFile.Write(path, write);
    }

    /// <summary>Writes UTF-8 text (without a byte order mark) to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="text">The content.</param>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        Write(path, stream => stream.Write(bytes));
    }
}
