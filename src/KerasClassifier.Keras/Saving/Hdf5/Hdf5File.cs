using System.Buffers.Binary;
using PureHDF;
using PureHDF.VOL.Native;

namespace KerasClassifier.Keras.Saving.Hdf5;

/// <summary>Opens HDF5 content for reading after checking its signature and that it is complete.</summary>
internal static class Hdf5File
{
    /// <summary>The eight bytes every HDF5 file starts with (when it has no user block).</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];

    /// <summary>Opens a seekable stream as an HDF5 file; the stream stays open.</summary>
    /// <param name="stream">The content, positioned anywhere.</param>
    /// <param name="location">The file and member, for messages.</param>
    /// <returns>The open file.</returns>
    /// <exception cref="InvalidDataException">The content is not HDF5 or is shorter than its superblock records.</exception>
    public static NativeFile Open(Stream stream, FileLocation location)
    {
        CheckComplete(stream, location);
        try
        {
            stream.Position = 0;
            return H5File.Open(stream, leaveOpen: true);
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            throw location.Invalid(null, $"the HDF5 content cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Compares the end-of-file address in the superblock with the stream length, so that a truncated copy fails with a clear message.</summary>
    private static void CheckComplete(Stream stream, FileLocation location)
    {
        Span<byte> header = stackalloc byte[64];
        stream.Position = 0;
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < 16 || !header[..8].SequenceEqual(Signature))
        {
            throw location.Invalid(null, "the content is not an HDF5 file (its signature is missing).");
        }

        var version = header[8];
        int offsetSize;
        int endOfFileField;
        switch (version)
        {
            case 0 or 1:
                offsetSize = header[13];
                endOfFileField = (version == 0 ? 24 : 28) + (2 * offsetSize);
                break;
            case 2 or 3:
                offsetSize = header[9];
                endOfFileField = 12 + (2 * offsetSize);
                break;
            default:
                throw location.Invalid(null, $"the HDF5 superblock has version {version}; expected 0 to 3.");
        }

        if (offsetSize != 8 || endOfFileField + 8 > read)
        {
            // Only 8-byte addresses are checked; other sizes are left to the HDF5 reader.
            return;
        }

        var endOfFile = BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(endOfFileField, 8));
        if ((ulong)stream.Length < endOfFile)
        {
            throw location.Invalid(null, $"the HDF5 content is truncated: its superblock gives {endOfFile} bytes, but only {stream.Length} are present.");
        }
    }
}
