namespace KerasClassifier.Keras.IO;

/// <summary>Replaces a file in one step: writes a temporary file beside it, flushes it to disk, then renames it over the target.</summary>
/// <remarks>A reader, or a run killed mid-write, sees either the old file or the new one, never a partial file.</remarks>
internal static class AtomicFile
{
    /// <summary>Writes bytes produced by <paramref name="write"/> to <paramref name="path"/> atomically, creating the folder if needed.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the content to the stream it receives.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);

        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes UTF-8 text (without a byte order mark) to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="text">The content.</param>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream =>
        {
            var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
            stream.Write(bytes);
        });
    }
}
