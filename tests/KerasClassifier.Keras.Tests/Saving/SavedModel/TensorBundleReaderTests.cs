using System.Buffers.Binary;
using System.Text;
using KerasClassifier.Keras.Saving.SavedModel;
using KerasClassifier.Keras.Saving.SavedModel.Protos;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

public sealed class TensorBundleReaderTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(SavedModelFolders.Digits, 26, 1)]
    [InlineData(SavedModelFolders.Traffic, 46, 1)]
    [InlineData(SavedModelFolders.NumberGuesser, 28, 1)]
    [InlineData(SavedModelFolders.Mnist, 64, 1)]
    [InlineData(SavedModelFolders.Heat, 23, 1)]
    [InlineData(SavedModelFolders.Lstm, 47, 1)]
    [InlineData(SavedModelFolders.Heart, 56, 1)]
    [InlineData(SavedModelFolders.Subclassed, 2, 2)]
    public void Open_RealFolderReadsEveryTensor(string folder, int tensorCount, int shardCount)
    {
        var bundle = TensorBundleReader.Open(Path.Combine(SavedModelFolders.Path(folder), "variables", "variables"));

        long bytesRead = 0;
        foreach (var key in bundle.Keys)
        {
            var entry = bundle.GetEntry(key);
            if (entry.Dtype == DataType.DtString)
            {
                Assert.NotEmpty(bundle.ReadStrings(key));
            }
            else
            {
                var tensor = bundle.ReadTensor(key);
                Assert.Equal(entry.Shape.Dim.Select(d => (int)d.Size), tensor.Shape);
                Assert.Equal(entry.Size, tensor.Data.Length);
            }

            bytesRead += entry.Size;
        }

        // Tensors are packed back to back, so together they cover every shard byte.
        var shardBytes = Enumerable.Range(0, shardCount).Sum(i => new FileInfo(bundle.ShardPath(i)).Length);
        Assert.Equal(tensorCount, bundle.Keys.Count);
        Assert.Equal(shardCount, bundle.Header.NumShards);
        Assert.Equal(shardBytes, bytesRead);
        Assert.Contains(TensorBundleReader.ObjectGraphKey, bundle.Keys);
    }

    [Fact]
    public void ReadObjectGraph_RealFolder()
    {
        var bundle = TensorBundleReader.Open(Path.Combine(SavedModelFolders.Path(SavedModelFolders.NumberGuesser), "variables", "variables"));

        var graph = bundle.ReadObjectGraph();

        Assert.Equal("layer_with_weights-0", graph.Nodes[0].Children.First(c => c.LocalName.StartsWith("layer_with_weights", StringComparison.Ordinal)).LocalName);
        Assert.Contains(graph.Nodes.SelectMany(n => n.Attributes), a => a.CheckpointKey == "optimizer/iter/.ATTRIBUTES/VARIABLE_VALUE");
    }

    [Fact]
    public void ReadTensor_FlippedByteNamesKeyAndShard()
    {
        var folder = SavedModelFolders.Copy(SavedModelFolders.NumberGuesser, temp);
        var prefix = Path.Combine(folder, "variables", "variables");
        const string key = "layer_with_weights-1/kernel/.ATTRIBUTES/VARIABLE_VALUE";
        var offset = TensorBundleReader.Open(prefix).GetEntry(key).Offset;
        FlipByte(prefix + ".data-00000-of-00001", offset + 100);

        var error = Assert.Throws<InvalidDataException>(() => TensorBundleReader.Open(prefix).ReadTensor(key));

        Assert.Contains(key, error.Message);
        Assert.Contains("variables.data-00000-of-00001", error.Message);
        Assert.Contains("CRC-32C", error.Message);
    }

    [Fact]
    public void Open_MissingShardNamesFile()
    {
        var folder = SavedModelFolders.Copy(SavedModelFolders.Subclassed, temp);
        var prefix = Path.Combine(folder, "variables", "variables");
        File.Delete(prefix + ".data-00001-of-00002");

        var error = Assert.Throws<FileNotFoundException>(() => TensorBundleReader.Open(prefix));

        Assert.Contains("variables.data-00001-of-00002", error.Message);
        Assert.EndsWith("variables.data-00001-of-00002", error.FileName);
    }

    [Fact]
    public void Open_TruncatedIndexNamesFile()
    {
        var folder = SavedModelFolders.Copy(SavedModelFolders.Mnist, temp);
        var index = Path.Combine(folder, "variables", "variables.index");
        var bytes = File.ReadAllBytes(index);
        File.WriteAllBytes(index, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => TensorBundleReader.Open(Path.Combine(folder, "variables", "variables")));

        Assert.Contains(index, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void ReadTensor_TruncatedShardNamesKey()
    {
        var folder = SavedModelFolders.Copy(SavedModelFolders.Heat, temp);
        var prefix = Path.Combine(folder, "variables", "variables");
        var shard = prefix + ".data-00000-of-00001";
        File.WriteAllBytes(shard, File.ReadAllBytes(shard)[..1000]);
        const string key = "layer_with_weights-2/kernel/.ATTRIBUTES/VARIABLE_VALUE";

        var error = Assert.Throws<InvalidDataException>(() => TensorBundleReader.Open(prefix).ReadTensor(key));

        Assert.Contains(key, error.Message);
        Assert.Contains(shard, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void ReadTensor_SizeDisagreesWithShape()
    {
        var writer = new BundleFileWriter();
        writer.Add("w", DataType.DtFloat, [2, 3], new byte[20]);
        var prefix = Path.Combine(temp.Path, "variables", "variables");
        writer.Write(prefix);

        var error = Assert.Throws<InvalidDataException>(() => TensorBundleReader.Open(prefix).ReadTensor("w"));

        Assert.Contains("'w'", error.Message);
        Assert.Contains("need 24 bytes", error.Message);
        Assert.Contains("records 20 bytes", error.Message);
    }

    [Fact]
    public void ReadTensor_UnknownKey()
    {
        var writer = new BundleFileWriter();
        writer.AddFloats("w", [1], [1f]);
        var prefix = Path.Combine(temp.Path, "variables", "variables");
        writer.Write(prefix);

        var error = Assert.Throws<KeyNotFoundException>(() => TensorBundleReader.Open(prefix).ReadTensor("missing"));

        Assert.Contains("'missing'", error.Message);
    }

    [Fact]
    public void ReadTensor_ConvertsDtypes()
    {
        var writer = new BundleFileWriter();
        writer.Add("f64", DataType.DtDouble, [2], [.. BitConverter.GetBytes(1.5), .. BitConverter.GetBytes(-2.25)]);
        writer.Add("f16", DataType.DtHalf, [2], [.. BitConverter.GetBytes((Half)0.5), .. BitConverter.GetBytes((Half)(-3))]);
        writer.Add("bf16", DataType.DtBfloat16, [1], [0x80, 0x3F]);
        writer.Add("i32", DataType.DtInt32, [2], [.. BitConverter.GetBytes(-7), .. BitConverter.GetBytes(9)]);
        writer.Add("i64", DataType.DtInt64, [], BitConverter.GetBytes(123456789012L));
        var prefix = Path.Combine(temp.Path, "variables", "variables");
        writer.Write(prefix);
        var bundle = TensorBundleReader.Open(prefix);

        Assert.Equal([1.5f, -2.25f], bundle.ReadTensor("f64").ToFloat32Array());
        Assert.Equal([0.5f, -3f], bundle.ReadTensor("f16").ToFloat32Array());
        Assert.Equal([1f], bundle.ReadTensor("bf16").ToFloat32Array());
        Assert.Equal([-7L, 9L], bundle.ReadTensor("i32").ToInt64Array());
        Assert.Equal([123456789012L], bundle.ReadTensor("i64").ToInt64Array());
        Assert.Empty(bundle.ReadTensor("i64").Shape);
        Assert.Equal("float64", bundle.ReadTensor("f64").DType);
        Assert.Throws<InvalidOperationException>(() => bundle.ReadTensor("i32").ToFloat32Array());
    }

    [Fact]
    public void ReadTensor_BigEndianIsSwapped()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(data, 3.25f);
        BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(4), -1f);
        var writer = new BundleFileWriter { Endianness = BundleHeaderProto.Types.Endianness.Big };
        writer.Add("w", DataType.DtFloat, [2], data);
        var prefix = Path.Combine(temp.Path, "variables", "variables");
        writer.Write(prefix);

        var values = TensorBundleReader.Open(prefix).ReadTensor("w").ToFloat32Array();

        Assert.Equal([3.25f, -1f], values);
    }

    [Fact]
    public void ReadTensor_PartitionedIsNotSupported()
    {
        var writer = new BundleFileWriter();
        var entry = writer.AddFloats("w", [2], [1f, 2f]);
        entry.Slices.Add(new TensorSliceProto());
        var prefix = Path.Combine(temp.Path, "variables", "variables");
        writer.Write(prefix);

        var error = Assert.Throws<NotSupportedException>(() => TensorBundleReader.Open(prefix).ReadTensor("w"));

        Assert.Contains("partitioned", error.Message);
    }

    [Fact]
    public void ReadStrings_SeveralElements()
    {
        var writer = new BundleFileWriter();
        writer.AddStrings("s", [3], Encoding.UTF8.GetBytes("alpha"), [], Encoding.UTF8.GetBytes("gamma"));
        var prefix = Path.Combine(temp.Path, "variables", "variables");
        writer.Write(prefix);

        var strings = TensorBundleReader.Open(prefix).ReadStrings("s");

        Assert.Equal(["alpha", "", "gamma"], strings.Select(s => Encoding.UTF8.GetString(s)));
    }

    [Fact]
    public void ReadStrings_CorruptedLengthChecksum()
    {
        var writer = new BundleFileWriter();
        writer.AddStrings("s", [1], Encoding.UTF8.GetBytes("alpha"));
        var prefix = Path.Combine(temp.Path, "variables", "variables");
        writer.Write(prefix);
        FlipByte(prefix + ".data-00000-of-00001", 2);

        var error = Assert.Throws<InvalidDataException>(() => TensorBundleReader.Open(prefix).ReadStrings("s"));

        Assert.Contains("'s'", error.Message);
        Assert.Contains("lengths", error.Message);
    }

    [Fact]
    public void Open_SnappyIndex()
    {
        var writer = new BundleFileWriter();
        writer.AddFloats("a", [2], [1f, 2f]);
        writer.AddFloats("b", [1], [3f]);
        var prefix = Path.Combine(temp.Path, "variables", "variables");
        writer.Write(prefix, new TableFileWriter(snappy: true));

        var bundle = TensorBundleReader.Open(prefix);

        Assert.Equal(["a", "b"], bundle.Keys);
        Assert.Equal([3f], bundle.ReadTensor("b").ToFloat32Array());
    }

    [Fact]
    public void Open_IndexWithoutHeader()
    {
        var prefix = Path.Combine(temp.Path, "variables");
        File.WriteAllBytes(prefix + ".index", new TableFileWriter().Write([new(Encoding.UTF8.GetBytes("k"), [])]));

        var error = Assert.Throws<InvalidDataException>(() => TensorBundleReader.Open(prefix));

        Assert.Contains("no header entry", error.Message);
    }

    private static void FlipByte(string path, long offset)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x40;
        File.WriteAllBytes(path, bytes);
    }
}
