using System.Text;
using KerasClassifier.Keras.Saving.SavedModel;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

public sealed class Crc32CTests
{
    // Check values of CRC-32C from RFC 3720 (iSCSI), appendix B.4, and the usual "123456789" check.
    public static TheoryData<byte[], uint> KnownValues => new()
    {
        { Encoding.ASCII.GetBytes("123456789"), 0xE3069283 },
        { new byte[32], 0x8A9136AA },
        { Enumerable.Repeat((byte)0xFF, 32).ToArray(), 0x62A8AB43 },
        { Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), 0x46DD794E },
        { Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray(), 0x113FDB5C },
        { [], 0x00000000 },
    };

    [Theory]
    [MemberData(nameof(KnownValues))]
    public void Compute_KnownValues(byte[] data, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(data));
        Assert.Equal(expected, Crc32C.ComputeWithTable(data));
    }

    [Fact]
    public void Compute_HardwareMatchesTable()
    {
        var random = new Random(7);
        foreach (var length in new[] { 1, 7, 8, 9, 63, 64, 1000, 4099 })
        {
            var data = new byte[length];
            random.NextBytes(data);

            Assert.Equal(Crc32C.ComputeWithTable(data), Crc32C.Compute(data));
        }
    }

    [Fact]
    public void Append_EqualsWholeCompute()
    {
        var data = Encoding.ASCII.GetBytes("the quick brown fox jumps over the lazy dog");

        var split = Crc32C.Append(Crc32C.Compute(data.AsSpan(0, 10)), data.AsSpan(10));

        Assert.Equal(Crc32C.Compute(data), split);
    }

    [Fact]
    public void Mask_RoundTripsAndChangesValue()
    {
        var crc = Crc32C.Compute(Encoding.ASCII.GetBytes("foo"));

        Assert.NotEqual(crc, Crc32C.Mask(crc));
        Assert.NotEqual(crc, Crc32C.Mask(Crc32C.Mask(crc)));
        Assert.Equal(crc, Crc32C.Unmask(Crc32C.Mask(crc)));
        Assert.Equal(Crc32C.Mask(crc), Crc32C.Unmask(Crc32C.Mask(Crc32C.Mask(crc))));
    }
}
