using System.Buffers.Binary;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Decodes the bytes of a string tensor in a checkpoint data shard: one varint64 length per
/// element, a masked CRC-32C of those lengths, then the strings back to back.
/// </summary>
/// <remarks>
/// The lengths enter the checksums as 4-byte little-endian integers (8 bytes for strings over
/// 4 GiB), not as the varints stored on disk. The entry's CRC covers those integers, the stored
/// length checksum and the string bytes.
/// </remarks>
internal static class StringTensorFormat
{
    /// <summary>Splits the strings out and computes the CRC that the index entry must match.</summary>
    /// <param name="data">The tensor's bytes.</param>
    /// <param name="count">The element count from the shape.</param>
    /// <param name="location">The tensor key and file, used in error messages.</param>
    /// <returns>The strings and the unmasked CRC-32C over the checked stream.</returns>
    /// <exception cref="InvalidDataException">The bytes are truncated or the length checksum fails.</exception>
    public static (IReadOnlyList<byte[]> Strings, uint Crc) Decode(ReadOnlySpan<byte> data, long count, string location)
    {
        // Each element needs at least one length byte, which bounds the allocation below.
        if (count > data.Length)
        {
            throw new InvalidDataException($"String {location} has {count} elements but only {data.Length} bytes.");
        }

        var lengths = new ulong[count];
        var position = 0;
        uint crc = 0;
        Span<byte> lengthBytes = stackalloc byte[sizeof(ulong)];
        for (var i = 0; i < count; i++)
        {
            if (!Varint.TryRead(data, ref position, out lengths[i]))
            {
                throw new InvalidDataException($"String {location} is truncated inside the length of element {i}.");
            }

            var width = lengths[i] > uint.MaxValue ? sizeof(ulong) : sizeof(uint);
            BinaryPrimitives.WriteUInt64LittleEndian(lengthBytes, lengths[i]);
            crc = Crc32C.Append(crc, lengthBytes[..width]);
        }

        if (position + sizeof(uint) > data.Length)
        {
            throw new InvalidDataException($"String {location} is truncated before its length checksum.");
        }

        var storedLengthCrc = data.Slice(position, sizeof(uint));
        var computedLengthCrc = Crc32C.Mask(crc);
        if (BinaryPrimitives.ReadUInt32LittleEndian(storedLengthCrc) != computedLengthCrc)
        {
            throw new InvalidDataException($"String {location} is corrupted: the checksum of its element lengths does not match.");
        }

        crc = Crc32C.Append(crc, storedLengthCrc);
        position += sizeof(uint);

        var strings = new List<byte[]>((int)count);
        foreach (var length in lengths)
        {
            if (length > (ulong)(data.Length - position))
            {
                throw new InvalidDataException($"String {location} is truncated: an element needs {length} bytes but {data.Length - position} remain.");
            }

            var bytes = data.Slice(position, (int)length);
            crc = Crc32C.Append(crc, bytes);
            strings.Add(bytes.ToArray());
            position += (int)length;
        }

        if (position != data.Length)
        {
            throw new InvalidDataException($"String {location} has {data.Length - position} bytes after its last element.");
        }

        return (strings, crc);
    }
}
