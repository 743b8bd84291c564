using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using KerasClassifier.Keras.Saving.SavedModel;
using KerasClassifier.Keras.Saving.SavedModel.Protos;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

/// <summary>Writes small tensor bundles (index and one data shard) for tests, with options to make them malformed.</summary>
internal sealed class BundleFileWriter
{
    private readonly List<(string Key, BundleEntryProto Entry, byte[] Data)> tensors = [];

    /// <summary>Gets or sets the byte order recorded in the header.</summary>
    public BundleHeaderProto.Types.Endianness Endianness { get; set; } = BundleHeaderProto.Types.Endianness.Little;

    /// <summary>Adds a numeric tensor with its bytes as stored; the entry's size and CRC describe those bytes.</summary>
    public BundleEntryProto Add(string key, DataType dtype, int[] shape, byte[] data)
    {
        var entry = new BundleEntryProto { Dtype = dtype, Shape = Shape(shape), Size = data.Length, Crc32C = Crc32C.Mask(Crc32C.Compute(data)) };
        tensors.Add((key, entry, data));
        return entry;
    }

    /// <summary>Adds a float32 tensor in little-endian order.</summary>
    public BundleEntryProto AddFloats(string key, int[] shape, float[] values)
    {
        var data = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), values[i]);
        }

        return Add(key, DataType.DtFloat, shape, data);
    }

    /// <summary>Adds a string tensor in the checkpoint's string layout.</summary>
    public BundleEntryProto AddStrings(string key, int[] shape, params byte[][] strings)
    {
        using var data = new MemoryStream();
        uint crc = 0;
        Span<byte> word = stackalloc byte[4];
        foreach (var s in strings)
        {
            TableFileWriter.WriteVarint(data, (ulong)s.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)s.Length);
            crc = Crc32C.Append(crc, word);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(word, Crc32C.Mask(crc));
        data.Write(word);
        crc = Crc32C.Append(crc, word);
        foreach (var s in strings)
        {
            data.Write(s);
            crc = Crc32C.Append(crc, s);
        }

        var entry = new BundleEntryProto { Dtype = DataType.DtString, Shape = Shape(shape), Size = data.Length, Crc32C = Crc32C.Mask(crc) };
        tensors.Add((key, entry, data.ToArray()));
        return entry;
    }

    /// <summary>Writes <c>prefix.index</c> and <c>prefix.data-00000-of-00001</c>.</summary>
    public void Write(string prefix, TableFileWriter? table = null)
    {
        using var data = new MemoryStream();
        foreach (var (_, entry, bytes) in tensors)
        {
            entry.Offset = data.Length;
            data.Write(bytes);
        }

        var header = new BundleHeaderProto { NumShards = 1, Endianness = Endianness, Version = new VersionDef { Producer = 1 } };
        var entries = new List<KeyValuePair<byte[], byte[]>> { new([], header.ToByteArray()) };
        entries.AddRange(tensors
            .Select(t => new KeyValuePair<byte[], byte[]>(Encoding.UTF8.GetBytes(t.Key), t.Entry.ToByteArray()))
            .OrderBy(e => e.Key, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))));

        Directory.CreateDirectory(Path.GetDirectoryName(prefix)!);
        File.WriteAllBytes(prefix + ".index", (table ?? new TableFileWriter()).Write(entries));
        File.WriteAllBytes(prefix + ".data-00000-of-00001", data.ToArray());
    }

    private static TensorShapeProto Shape(int[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(d => new TensorShapeProto.Types.Dim { Size = d }));
        return shape;
    }
}
