using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// CRC-32C (Castagnoli polynomial, reflected 0x82F63B78) and the masking that TensorFlow and
/// LevelDB apply to stored checksums.
/// </summary>
/// <remarks>
/// This is not the CRC-32 of <c>System.IO.Hashing.Crc32</c>, which uses the IEEE polynomial.
/// </remarks>
internal static class Crc32C
{
    private const uint ReflectedPolynomial = 0x82F63B78;
    private const uint MaskDelta = 0xa282ead8;

    private static readonly uint[] Table = CreateTable();

    /// <summary>Computes the CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Extends a CRC-32C returned by <see cref="Compute"/> with more bytes.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        if (Sse42.X64.IsSupported)
        {
            state = UpdateSse42(state, data);
        }
        else if (Crc32.Arm64.IsSupported)
        {
            state = UpdateArm64(state, data);
        }
        else
        {
            state = UpdateTable(state, data);
        }

        return ~state;
    }

    /// <summary>Computes the CRC-32C with the portable table, whatever the processor offers.</summary>
    public static uint ComputeWithTable(ReadOnlySpan<byte> data) => ~UpdateTable(~0u, data);

    /// <summary>Masks a CRC as stored on disk: rotate right by 15 bits, then add a constant.</summary>
    /// <remarks>Masking keeps the CRC of data that itself contains CRCs from being degenerate.</remarks>
    public static uint Mask(uint crc) => ((crc >> 15) | (crc << 17)) + MaskDelta;

    /// <summary>Reverses <see cref="Mask"/>.</summary>
    public static uint Unmask(uint maskedCrc)
    {
        var rotated = maskedCrc - MaskDelta;
        return (rotated >> 17) | (rotated << 15);
    }

    private static uint UpdateSse42(uint state, ReadOnlySpan<byte> data)
    {
        ulong wide = state;
        while (data.Length >= sizeof(ulong))
        {
            wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        state = (uint)wide;
        foreach (var b in data)
        {
            state = Sse42.Crc32(state, b);
        }

        return state;
    }

    private static uint UpdateArm64(uint state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= sizeof(ulong))
        {
            state = Crc32.Arm64.ComputeCrc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (var b in data)
        {
            state = Crc32.ComputeCrc32C(state, b);
        }

        return state;
    }

    private static uint UpdateTable(uint state, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            state = Table[(state ^ b) & 0xFF] ^ (state >> 8);
        }

        return state;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < table.Length; i++)
        {
            var entry = i;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ ReflectedPolynomial : entry >> 1;
            }

            table[i] = entry;
        }

        return table;
    }
}
