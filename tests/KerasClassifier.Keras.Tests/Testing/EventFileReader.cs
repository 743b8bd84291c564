using System.Buffers.Binary;
using System.Text;

namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>
/// Reads TensorBoard event files independently of the writer: TFRecord framing with its masked
/// CRC-32C checks (computed bit by bit here), and the Event and Summary protobuf fields by number.
/// </summary>
internal static class EventFileReader
{
    public sealed record Event(double WallTime, long Step, string? FileVersion, List<(string Tag, float Value)> Scalars);

    public static List<Event> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var events = new List<Event>();
        var offset = 0;
        while (offset < bytes.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset));
            var lengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8));
            Assert.Equal(MaskedCrc(bytes.AsSpan(offset, 8)), lengthCrc);
            var data = bytes.AsSpan(offset + 12, length);
            var dataCrc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 12 + length));
            Assert.Equal(MaskedCrc(data), dataCrc);
            events.Add(ParseEvent(data.ToArray()));
            offset += 12 + length + 4;
        }

        return events;
    }

    /// <summary>CRC-32C computed bit by bit, then masked as TFRecord stores it.</summary>
    public static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) == 1 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        crc = ~crc;
        return unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8u);
    }

    private static Event ParseEvent(byte[] data)
    {
        double wallTime = 0;
        long step = 0;
        string? version = null;
        var scalars = new List<(string, float)>();
        foreach (var (field, wireType, value, payload) in Fields(data))
        {
            switch (field)
            {
                case 1 when wireType == 1:
                    wallTime = BitConverter.Int64BitsToDouble((long)value);
                    break;
                case 2 when wireType == 0:
                    step = (long)value;
                    break;
                case 3 when wireType == 2:
                    version = Encoding.UTF8.GetString(payload!);
                    break;
                case 5 when wireType == 2:
                    scalars.AddRange(ParseSummary(payload!));
                    break;
                default:
                    throw new InvalidDataException($"Unexpected Event field {field} (wire type {wireType}).");
            }
        }

        return new Event(wallTime, step, version, scalars);
    }

    private static IEnumerable<(string, float)> ParseSummary(byte[] data)
    {
        foreach (var (field, _, _, payload) in Fields(data))
        {
            Assert.Equal(1, field);
            string? tag = null;
            float? value = null;
            foreach (var (valueField, wireType, raw, text) in Fields(payload!))
            {
                if (valueField == 1 && wireType == 2)
                {
                    tag = Encoding.UTF8.GetString(text!);
                }
                else if (valueField == 2 && wireType == 5)
                {
                    value = BitConverter.Int32BitsToSingle((int)raw);
                }
            }

            yield return (tag!, value!.Value);
        }
    }

    private static IEnumerable<(int Field, int WireType, ulong Value, byte[]? Payload)> Fields(byte[] data)
    {
        var position = 0;
        while (position < data.Length)
        {
            var key = ReadVarint(data, ref position);
            var field = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    yield return (field, wireType, ReadVarint(data, ref position), null);
                    break;
                case 1:
                    yield return (field, wireType, BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(position)), null);
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(data, ref position);
                    yield return (field, wireType, 0, data.AsSpan(position, length).ToArray());
                    position += length;
                    break;
                case 5:
                    yield return (field, wireType, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(position)), null);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unexpected wire type {wireType}.");
            }
        }
    }

    private static ulong ReadVarint(byte[] data, ref int position)
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }

            shift += 7;
        }
    }
}
