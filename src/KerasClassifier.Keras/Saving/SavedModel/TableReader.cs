using System.Buffers.Binary;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Reads a LevelDB-style sorted string table, the format of a checkpoint's <c>variables.index</c>:
/// data blocks, a metaindex block, an index block and a 48-byte footer.
/// </summary>
/// <remarks>
/// The whole file is read and every block's masked CRC-32C is checked before its entries are used.
/// Blocks are stored uncompressed (type 0) by TensorFlow's tensor-bundle writer; Snappy blocks
/// (type 1) are decompressed as well.
/// </remarks>
internal static class TableReader
{
    /// <summary>The footer's magic number, stored as two little-endian uint32s, low half first.</summary>
    public const ulong TableMagic = 0xdb4775248b80fb57UL;

    /// <summary>The footer length: two block handles padded to 40 bytes, then the 8-byte magic.</summary>
    public const int FooterLength = 48;

    /// <summary>The bytes after each block: the compression type and the masked CRC-32C.</summary>
    public const int BlockTrailerLength = 5;

    private const byte NoCompression = 0;
    private const byte SnappyCompression = 1;

    /// <summary>Reads every key and value of the table, in key order.</summary>
    /// <param name="path">The table file.</param>
    /// <returns>The entries; keys are raw bytes, sorted bytewise.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, corrupted or not a table.</exception>
    public static List<KeyValuePair<byte[], byte[]>> ReadAll(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint index '{path}' was not found.", path);
        }

        var file = File.ReadAllBytes(path);
        if (file.Length < FooterLength)
        {
            throw new InvalidDataException(
                $"Checkpoint index '{path}' is truncated: it has {file.Length} bytes, fewer than the {FooterLength}-byte table footer.");
        }

        var footer = file.AsSpan(file.Length - FooterLength);
        var magic = BinaryPrimitives.ReadUInt64LittleEndian(footer[^sizeof(ulong)..]);
        if (magic != TableMagic)
        {
            throw new InvalidDataException(
                $"Checkpoint index '{path}' is not a TensorFlow checkpoint index or is truncated: its last 8 bytes are 0x{magic:x16}, expected the table magic 0x{TableMagic:x16}.");
        }

        var position = 0;
        if (!BlockHandle.TryDecode(footer, ref position, out _) || !BlockHandle.TryDecode(footer, ref position, out var indexHandle))
        {
            throw new InvalidDataException($"Checkpoint index '{path}' has a malformed footer: its block handles cannot be decoded.");
        }

        var dataEnd = file.Length - FooterLength;
        var indexEntries = TableBlock.Decode(ReadBlock(file, dataEnd, indexHandle, path), $"'{path}' index block at offset {indexHandle.Offset}");

        var entries = new List<KeyValuePair<byte[], byte[]>>();
        foreach (var (separator, handleBytes) in indexEntries)
        {
            var handlePosition = 0;
            if (!BlockHandle.TryDecode(handleBytes, ref handlePosition, out var dataHandle))
            {
                throw new InvalidDataException($"Checkpoint index '{path}' has an index entry whose block handle cannot be decoded.");
            }

            var location = $"'{path}' data block at offset {dataHandle.Offset}";
            var blockEntries = TableBlock.Decode(ReadBlock(file, dataEnd, dataHandle, path), location);
            foreach (var entry in blockEntries)
            {
                if (entries.Count > 0 && CompareKeys(entries[^1].Key, entry.Key) >= 0)
                {
                    throw new InvalidDataException($"Checkpoint index '{path}' is corrupted: keys in {location} are not in ascending order.");
                }

                if (CompareKeys(entry.Key, separator) > 0)
                {
                    throw new InvalidDataException($"Checkpoint index '{path}' is corrupted: a key in {location} sorts after its index separator.");
                }

                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>Compares keys bytewise as unsigned bytes, the table's sort order.</summary>
    public static int CompareKeys(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    private static byte[] ReadBlock(byte[] file, int dataEnd, BlockHandle handle, string path)
    {
        var end = handle.Offset + handle.Size + BlockTrailerLength;
        if (handle.Size > int.MaxValue || end < handle.Offset || end > (ulong)dataEnd)
        {
            throw new InvalidDataException(
                $"Checkpoint index '{path}' is truncated or corrupted: the block at offset {handle.Offset} with {handle.Size} bytes ends past the data area, which ends at byte {dataEnd}.");
        }

        var offset = (int)handle.Offset;
        var size = (int)handle.Size;
        var contentsAndType = file.AsSpan(offset, size + 1);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + size + 1, sizeof(uint)));
        var computed = Crc32C.Mask(Crc32C.Compute(contentsAndType));
        if (stored != computed)
        {
            throw new InvalidDataException(
                $"Checkpoint index '{path}' is corrupted: the block at offset {offset} ({size} bytes) fails its CRC-32C check (stored 0x{stored:x8}, computed 0x{computed:x8}).");
        }

        var compression = file[offset + size];
        var contents = file.AsSpan(offset, size);
        return compression switch
        {
            NoCompression => contents.ToArray(),
            SnappyCompression => Decompress(contents, offset, path),
            _ => throw new InvalidDataException(
                $"Checkpoint index '{path}' has an unknown compression type {compression} in the block at offset {offset}; expected 0 (none) or 1 (Snappy)."),
        };
    }

    private static byte[] Decompress(ReadOnlySpan<byte> compressed, int offset, string path)
    {
        try
        {
            return Snappier.Snappy.DecompressToArray(compressed);
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException(
                $"Checkpoint index '{path}' has a Snappy block at offset {offset} that cannot be decompressed: {exception.Message}", exception);
        }
    }
}
