using System.Buffers.Binary;
using System.Text;
using KerasClassifier.Keras.Saving.SavedModel;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

public sealed class TableReaderTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadAll_ManyBlocksRoundTrip(bool snappy)
    {
        var entries = Enumerable.Range(0, 500)
            .Select(i => new KeyValuePair<byte[], byte[]>(Encoding.UTF8.GetBytes($"layer_with_weights-{i:D4}/kernel"), Encoding.UTF8.GetBytes($"value {i}")))
            .ToList();
        var path = temp.File("many.index");
        File.WriteAllBytes(path, new TableFileWriter(blockSize: 1024, restartInterval: 16, snappy: snappy).Write(entries));

        var read = TableReader.ReadAll(path);

        Assert.Equal(entries.Count, read.Count);
        Assert.All(entries.Zip(read), pair => Assert.Equal(pair.First.Key, pair.Second.Key));
        Assert.All(entries.Zip(read), pair => Assert.Equal(pair.First.Value, pair.Second.Value));
    }

    [Fact]
    public void ReadAll_EmptyTable()
    {
        var path = temp.File("empty.index");
        File.WriteAllBytes(path, new TableFileWriter().Write([]));

        Assert.Empty(TableReader.ReadAll(path));
    }

    [Fact]
    public void ReadAll_FlippedByteFailsCrc()
    {
        var path = temp.File("flipped.index");
        var bytes = new TableFileWriter().Write([new(Encoding.UTF8.GetBytes("key"), Encoding.UTF8.GetBytes("value"))]);
        bytes[6] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => TableReader.ReadAll(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("CRC-32C", error.Message);
    }

    [Fact]
    public void ReadAll_ShortFileIsTruncated()
    {
        var path = temp.File("short.index");
        File.WriteAllBytes(path, new byte[20]);

        var error = Assert.Throws<InvalidDataException>(() => TableReader.ReadAll(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void ReadAll_WrongMagicIsRejected()
    {
        var path = temp.File("magic.index");
        var bytes = new TableFileWriter().Write([new(Encoding.UTF8.GetBytes("key"), [1])]);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => TableReader.ReadAll(path));

        Assert.Contains("not a TensorFlow checkpoint index", error.Message);
    }

    [Fact]
    public void ReadAll_MissingFile()
    {
        var path = Path.Combine(temp.Path, "absent.index");

        var error = Assert.Throws<FileNotFoundException>(() => TableReader.ReadAll(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void ReadAll_InvalidSnappyBlock()
    {
        // A Snappy block whose varint length promises 100 bytes but whose body is a truncated literal.
        byte[] contents = [100, 0xF0];
        var trailer = new byte[5];
        trailer[0] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(1), Crc32C.Mask(Crc32C.Compute([.. contents, 1])));
        var footer = new byte[TableReader.FooterLength];
        footer[0] = 0;
        footer[1] = 0;
        footer[2] = 0;
        footer[3] = (byte)contents.Length;
        BinaryPrimitives.WriteUInt64LittleEndian(footer.AsSpan(40), TableReader.TableMagic);
        var path = temp.File("snappy.index");
        File.WriteAllBytes(path, [.. contents, .. trailer, .. footer]);

        var error = Assert.Throws<InvalidDataException>(() => TableReader.ReadAll(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("Snappy", error.Message);
    }

    [Fact]
    public void Decode_SharedPrefixBeyondPreviousKey()
    {
        // One entry claiming 3 shared bytes with an empty previous key, then one restart at 0.
        byte[] contents = [3, 1, 0, (byte)'a', 0, 0, 0, 0, 1, 0, 0, 0];

        var error = Assert.Throws<InvalidDataException>(() => TableBlock.Decode(contents, "'test' block"));

        Assert.Contains("'test' block", error.Message);
    }
}
