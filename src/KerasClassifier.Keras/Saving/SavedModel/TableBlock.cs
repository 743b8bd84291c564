using System.Buffers.Binary;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Decodes the contents of one table block: prefix-compressed entries, then an array of uint32
/// restart offsets and their count.
/// </summary>
/// <remarks>
/// Each entry is three varints (bytes shared with the previous key, new key bytes, value length),
/// the new key bytes and the value. At a restart point the shared length is 0. A full scan reads
/// the entries in order, so the restart array is only checked, never searched.
/// </remarks>
internal static class TableBlock
{
    /// <summary>Decodes every entry of a block, in stored order.</summary>
    /// <param name="contents">The block contents, decompressed, trailer removed.</param>
    /// <param name="location">The file and block offset, used in error messages.</param>
    /// <returns>The keys and values.</returns>
    /// <exception cref="InvalidDataException">The block is malformed.</exception>
    public static List<KeyValuePair<byte[], byte[]>> Decode(ReadOnlySpan<byte> contents, string location)
    {
        if (contents.Length < sizeof(uint))
        {
            throw new InvalidDataException($"Table block {location} is {contents.Length} bytes long, too short to hold its restart count.");
        }

        var restartCount = BinaryPrimitives.ReadUInt32LittleEndian(contents[^sizeof(uint)..]);
        var restartsStart = contents.Length - sizeof(uint) - ((long)restartCount * sizeof(uint));
        if ((restartCount == 0 && contents.Length > sizeof(uint)) || restartsStart < 0)
        {
            throw new InvalidDataException($"Table block {location} has an invalid restart count {restartCount} for {contents.Length} bytes.");
        }

        var entries = new List<KeyValuePair<byte[], byte[]>>();
        var entryStarts = new HashSet<int>();
        var previousKey = Array.Empty<byte>();
        var position = 0;
        var end = (int)restartsStart;
        while (position < end)
        {
            var start = position;
            if (!Varint.TryRead32(contents, ref position, out var shared)
                || !Varint.TryRead32(contents, ref position, out var nonShared)
                || !Varint.TryRead32(contents, ref position, out var valueLength))
            {
                throw new InvalidDataException($"Table block {location} has a truncated entry header at byte {start}.");
            }

            if (shared > previousKey.Length || (long)position + nonShared + valueLength > end)
            {
                throw new InvalidDataException(
                    $"Table block {location} has an entry at byte {start} that does not fit: {shared} shared key bytes, {nonShared} new key bytes, {valueLength} value bytes.");
            }

            var key = new byte[shared + nonShared];
            previousKey.AsSpan(0, (int)shared).CopyTo(key);
            contents.Slice(position, (int)nonShared).CopyTo(key.AsSpan((int)shared));
            position += (int)nonShared;

            var value = contents.Slice(position, (int)valueLength).ToArray();
            position += (int)valueLength;

            if (shared == 0)
            {
                entryStarts.Add(start);
            }

            entries.Add(new(key, value));
            previousKey = key;
        }

        CheckRestarts(contents, end, restartCount, entryStarts, location);
        return entries;
    }

    // Every restart offset must point at an entry whose key is stored whole.
    private static void CheckRestarts(ReadOnlySpan<byte> contents, int restartsStart, uint restartCount, HashSet<int> entryStarts, string location)
    {
        if (restartsStart == 0)
        {
            return;
        }

        for (var i = 0; i < restartCount; i++)
        {
            var restart = BinaryPrimitives.ReadUInt32LittleEndian(contents.Slice(restartsStart + (i * sizeof(uint)), sizeof(uint)));
            if (restart >= restartsStart || !entryStarts.Contains((int)restart))
            {
                throw new InvalidDataException($"Table block {location} has restart point {i} at byte {restart}, which is not the start of an entry with a whole key.");
            }
        }
    }
}
