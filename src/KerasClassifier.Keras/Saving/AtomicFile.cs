namespace KerasClassifier.Keras.Saving;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new content: the data
/// goes to a temporary file beside the target, is flushed to disk, then renamed over the target.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes a file atomically.</summary>
    /// <param name="path">The target path; its folder must exist.</param>
    /// <param name="write">Writes the content to the stream (seekable, readable and writable).</param>
    /// <exception cref="DirectoryNotFoundException">The target folder does not exist.</exception>
    /// <exception cref="IOException">The temporary file cannot be written or renamed; the target is unchanged.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Cannot save '{path}': folder '{folder}' does not exist.");
        }

        if (Directory.Exists(fullPath))
        {
            throw new IOException($"Cannot save '{path}': a folder with that name exists.");
        }

        // Same folder as the target, so the rename stays on one file system and is atomic.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (IOException)
        {
            // The original error matters more; a stray temporary file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
