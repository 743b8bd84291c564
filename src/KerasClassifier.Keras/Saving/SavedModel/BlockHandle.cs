namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// The location of a block inside a LevelDB-style table: its offset and the size of its contents,
/// the 5-byte trailer (compression type and masked CRC-32C) not included.
/// </summary>
internal readonly record struct BlockHandle(ulong Offset, ulong Size)
{
    /// <summary>Decodes a handle (two varints) at <paramref name="position"/> and advances past it.</summary>
    /// <returns>False when the bytes end inside either varint.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> data, ref int position, out BlockHandle handle)
    {
        var at = position;
        if (!Varint.TryRead(data, ref at, out var offset) || !Varint.TryRead(data, ref at, out var size))
        {
            handle = default;
            return false;
        }

        position = at;
        handle = new BlockHandle(offset, size);
        return true;
    }
}
