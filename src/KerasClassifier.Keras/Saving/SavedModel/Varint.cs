namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>Decodes the base-128 variable-length integers of LevelDB tables and string tensors.</summary>
internal static class Varint
{
    /// <summary>Reads an unsigned varint of at most 64 bits at <paramref name="position"/> and advances past it.</summary>
    /// <returns>False when the bytes end inside the varint or it is longer than 10 bytes.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        var at = position;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= data.Length)
            {
                return false;
            }

            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                position = at;
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads an unsigned varint that must fit in 32 bits.</summary>
    /// <returns>False when the varint is truncated or larger than <see cref="uint.MaxValue"/>.</returns>
    public static bool TryRead32(ReadOnlySpan<byte> data, ref int position, out uint value)
    {
        var at = position;
        if (!TryRead(data, ref at, out var wide) || wide > uint.MaxValue)
        {
            value = 0;
            return false;
        }

        position = at;
        value = (uint)wide;
        return true;
    }
}
