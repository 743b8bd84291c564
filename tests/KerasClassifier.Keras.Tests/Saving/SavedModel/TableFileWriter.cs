using System.Buffers.Binary;
using KerasClassifier.Keras.Saving.SavedModel;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

/// <summary>
/// Writes LevelDB-style tables for tests: prefix-compressed data blocks with restart points, an
/// empty metaindex block, an index block and the footer, each block with its masked CRC-32C.
/// </summary>
internal sealed class TableFileWriter
{
    private readonly int blockSize;
    private readonly int restartInterval;
    private readonly bool snappy;

    /// <param name="blockSize">The content size after which a data block is closed.</param>
    /// <param name="restartInterval">The number of entries between restart points.</param>
    /// <param name="snappy">Whether to store blocks Snappy-compressed (type 1).</param>
    public TableFileWriter(int blockSize = 256 * 1024, int restartInterval = 16, bool snappy = false)
    {
        this.blockSize = blockSize;
        this.restartInterval = restartInterval;
        this.snappy = snappy;
    }

    /// <summary>Encodes entries, which must be sorted by key, into table bytes.</summary>
    public byte[] Write(IReadOnlyList<KeyValuePair<byte[], byte[]>> entries)
    {
        using var file = new MemoryStream();
        var index = new List<KeyValuePair<byte[], byte[]>>();
        var pending = new List<KeyValuePair<byte[], byte[]>>();
        foreach (var entry in entries)
        {
            pending.Add(entry);
            if (EncodeBlock(pending, restartInterval).Length >= blockSize)
            {
                index.Add(new(entry.Key, WriteBlock(file, EncodeBlock(pending, restartInterval))));
                pending.Clear();
            }
        }

        if (pending.Count > 0)
        {
            // A separator after the last key; a longer key is as valid as LevelDB's short successor.
            var last = pending[^1].Key;
            index.Add(new([.. last, 0xFF], WriteBlock(file, EncodeBlock(pending, restartInterval))));
        }

        var metaindex = WriteBlock(file, EncodeBlock([], restartInterval));
        var indexHandle = WriteBlock(file, EncodeBlock(index, 1));

        var footer = new byte[TableReader.FooterLength];
        var handles = new List<byte>();
        handles.AddRange(metaindex);
        handles.AddRange(indexHandle);
        handles.CopyTo(footer);
        BinaryPrimitives.WriteUInt64LittleEndian(footer.AsSpan(40), TableReader.TableMagic);
        file.Write(footer);
        return file.ToArray();
    }

    /// <summary>Encodes block contents: prefix-compressed entries, restart offsets, restart count.</summary>
    public static byte[] EncodeBlock(IReadOnlyList<KeyValuePair<byte[], byte[]>> entries, int restartInterval)
    {
        using var block = new MemoryStream();
        var restarts = new List<uint>();
        var previous = Array.Empty<byte>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (key, value) = entries[i];
            var shared = 0;
            if (i % restartInterval == 0)
            {
                restarts.Add((uint)block.Length);
            }
            else
            {
                while (shared < previous.Length && shared < key.Length && previous[shared] == key[shared])
                {
                    shared++;
                }
            }

            WriteVarint(block, (ulong)shared);
            WriteVarint(block, (ulong)(key.Length - shared));
            WriteVarint(block, (ulong)value.Length);
            block.Write(key, shared, key.Length - shared);
            block.Write(value);
            previous = key;
        }

        if (restarts.Count == 0)
        {
            restarts.Add(0);
        }

        Span<byte> word = stackalloc byte[4];
        foreach (var restart in restarts)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(word, restart);
            block.Write(word);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)restarts.Count);
        block.Write(word);
        return block.ToArray();
    }

    /// <summary>Appends a varint to a stream.</summary>
    public static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }

    private byte[] WriteBlock(MemoryStream file, byte[] contents)
    {
        var stored = snappy ? Snappier.Snappy.CompressToArray(contents) : contents;
        var offset = file.Length;
        var type = (byte)(snappy ? 1 : 0);
        file.Write(stored);
        file.WriteByte(type);

        var crc = Crc32C.Mask(Crc32C.Compute([.. stored, type]));
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(word, crc);
        file.Write(word);

        using var handle = new MemoryStream();
        WriteVarint(handle, (ulong)offset);
        WriteVarint(handle, (ulong)stored.Length);
        return handle.ToArray();
    }
}
