using System.IO.Compression;
using System.Text;

namespace KerasClassifier.Keras.Saving.KerasV3;

/// <summary>The members of a <c>.keras</c> archive, read from the zip or from an unzipped folder.</summary>
internal sealed class ArchiveSource : IDisposable
{
    // Keras rejects members that claim over 4 GiB while being over 100 times smaller in the zip.
    private const long BombSize = 4L << 30;
    private const long BombRatio = 100;

    // Members up to this size are copied to memory; larger ones to a temporary file, because the
    // HDF5 reader needs a seekable stream.
    private const long InMemoryLimit = 512L << 20;

    private readonly ZipArchive? archive;
    private readonly string? folder;

    private ArchiveSource(ZipArchive? archive, string? folder, FileLocation location)
    {
        this.archive = archive;
        this.folder = folder;
        Location = location;
    }

    /// <summary>Gets the archive's location, for messages.</summary>
    public FileLocation Location { get; }

    /// <summary>Opens a zip archive.</summary>
    /// <exception cref="InvalidDataException">The zip is damaged or truncated.</exception>
    public static ArchiveSource OpenZip(string path)
    {
        var location = new FileLocation(path);
        var stream = File.OpenRead(path);
        try
        {
            return new ArchiveSource(new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false, Encoding.UTF8), null, location);
        }
        catch (InvalidDataException ex)
        {
            stream.Dispose();
            throw location.Invalid(null, $"the zip archive is damaged or truncated ({ex.Message}).", ex);
        }
    }

    /// <summary>Opens an unzipped archive folder.</summary>
    public static ArchiveSource OpenFolder(string path) => new(null, path, new FileLocation(path));

    /// <summary>Returns whether a member exists.</summary>
    public bool Has(string member) => archive is not null ? archive.GetEntry(member) is not null : File.Exists(Path.Combine(folder!, member));

    /// <summary>Reads a member as UTF-8 text; null when it is missing.</summary>
    public string? ReadText(string member)
    {
        using var stream = OpenMember(member);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Opens a member as a seekable stream; null when it is missing.</summary>
    public Stream? OpenSeekable(string member)
    {
        if (archive is null)
        {
            var path = Path.Combine(folder!, member);
            return File.Exists(path) ? File.OpenRead(path) : null;
        }

        var entry = archive.GetEntry(member);
        if (entry is null)
        {
            return null;
        }

        CheckSize(entry);
        Stream copy = entry.Length <= InMemoryLimit
            ? new MemoryStream(checked((int)entry.Length))
            : new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            using (var input = entry.Open())
            {
                input.CopyTo(copy);
            }

            copy.Position = 0;
            return copy;
        }
        catch (InvalidDataException ex)
        {
            copy.Dispose();
            throw Location.Invalid(member, $"the zip member cannot be read ({ex.Message}).", ex);
        }
    }

    /// <summary>Lists the member names, for messages.</summary>
    public IReadOnlyList<string> MemberNames =>
        archive is not null
            ? archive.Entries.Select(e => e.FullName).ToArray()
            : Directory.EnumerateFileSystemEntries(folder!).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();

    /// <inheritdoc/>
    public void Dispose() => archive?.Dispose();

    private Stream? OpenMember(string member)
    {
        if (archive is null)
        {
            var path = Path.Combine(folder!, member);
            return File.Exists(path) ? File.OpenRead(path) : null;
        }

        var entry = archive.GetEntry(member);
        if (entry is null)
        {
            return null;
        }

        CheckSize(entry);
        return entry.Open();
    }

    private void CheckSize(ZipArchiveEntry entry)
    {
        if (entry.Length > BombSize && entry.Length > BombRatio * Math.Max(1, entry.CompressedLength))
        {
            throw Location.Invalid(
                entry.FullName,
                $"the member claims {entry.Length} bytes but is stored in {entry.CompressedLength}; such members are rejected as a likely decompression bomb.");
        }
    }
}
