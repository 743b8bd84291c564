using System.Buffers.Binary;
using System.Text;

namespace KerasClassifier.Keras.Callbacks.TensorBoardFormat;

/// <summary>Writes the few protobuf wire types the event files need: varints, 64- and 32-bit fixed values and length-delimited fields.</summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    private readonly MemoryStream buffer = new();

    /// <summary>Writes a <c>double</c> field.</summary>
    public ProtoWriter Double(int field, double value)
    {
        WriteTag(field, Fixed64);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        buffer.Write(bytes);
        return this;
    }

    /// <summary>Writes a <c>float</c> field.</summary>
    public ProtoWriter Float(int field, float value)
    {
        WriteTag(field, Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        buffer.Write(bytes);
        return this;
    }

    /// <summary>Writes an <c>int64</c> field; negative values take ten bytes, as protobuf encodes them.</summary>
    public ProtoWriter Int64(int field, long value)
    {
        WriteTag(field, Varint);
        WriteVarint(unchecked((ulong)value));
        return this;
    }

    /// <summary>Writes a <c>string</c> field as UTF-8.</summary>
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>Writes an embedded message field.</summary>
    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    /// <summary>Returns the encoded message.</summary>
    public byte[] ToArray() => buffer.ToArray();

    private ProtoWriter Bytes(int field, byte[] value)
    {
        WriteTag(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        buffer.Write(value);
        return this;
    }

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.WriteByte((byte)value);
    }
}
