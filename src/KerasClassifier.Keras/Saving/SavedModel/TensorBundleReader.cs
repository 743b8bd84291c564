using System.Text;
using Google.Protobuf;
using KerasClassifier.Keras.Saving.SavedModel.Protos;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Reads a TensorFlow tensor bundle (a checkpoint): the <c>&lt;prefix&gt;.index</c> table of
/// entries and the <c>&lt;prefix&gt;.data-SSSSS-of-NNNNN</c> shards that hold the tensor bytes.
/// </summary>
/// <remarks>
/// The index is read and checked when the bundle is opened, and every shard it names must exist.
/// Each tensor read is checked against its entry: byte size, shape and masked CRC-32C.
/// </remarks>
internal sealed class TensorBundleReader
{
    /// <summary>The key that contains the checkpoint's object graph (a serialized TrackableObjectGraph).</summary>
    public const string ObjectGraphKey = "_CHECKPOINTABLE_OBJECT_GRAPH";

    private readonly Dictionary<string, BundleEntryProto> entries;
    private readonly bool bigEndian;

    private TensorBundleReader(string prefix, BundleHeaderProto header, Dictionary<string, BundleEntryProto> entries, IReadOnlyList<string> keys)
    {
        Prefix = prefix;
        Header = header;
        this.entries = entries;
        Keys = keys;
        bigEndian = header.Endianness == BundleHeaderProto.Types.Endianness.Big;
    }

    /// <summary>Gets the path prefix, e.g. <c>model/variables/variables</c>.</summary>
    public string Prefix { get; }

    /// <summary>Gets the path of the index file.</summary>
    public string IndexPath => Prefix + ".index";

    /// <summary>Gets the bundle header (shard count, byte order, version).</summary>
    public BundleHeaderProto Header { get; }

    /// <summary>Gets every tensor key in key order, the header's empty key left out.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Opens a bundle and checks its index and the presence of its data shards.</summary>
    /// <param name="prefix">The path without <c>.index</c>, e.g. <c>model/variables/variables</c>.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="FileNotFoundException">The index or a data shard is missing.</exception>
    /// <exception cref="InvalidDataException">The index is malformed.</exception>
    public static TensorBundleReader Open(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);

        var indexPath = prefix + ".index";
        var table = TableReader.ReadAll(indexPath);
        if (table.Count == 0 || table[0].Key.Length != 0)
        {
            throw new InvalidDataException($"Checkpoint index '{indexPath}' has no header entry (the empty key); it is not a tensor bundle index.");
        }

        var header = Parse(BundleHeaderProto.Parser, table[0].Value, indexPath, "the header");
        if (header.NumShards < 1)
        {
            throw new InvalidDataException($"Checkpoint index '{indexPath}' has an invalid shard count {header.NumShards}; expected 1 or more.");
        }

        var entries = new Dictionary<string, BundleEntryProto>(StringComparer.Ordinal);
        var keys = new List<string>(table.Count - 1);
        foreach (var (keyBytes, value) in table.Skip(1))
        {
            var key = Encoding.UTF8.GetString(keyBytes);
            entries[key] = Parse(BundleEntryProto.Parser, value, indexPath, $"tensor '{key}'");
            keys.Add(key);
        }

        var reader = new TensorBundleReader(prefix, header, entries, keys);
        reader.CheckShardsExist();
        return reader;
    }

    /// <summary>Returns the path of a data shard, e.g. <c>variables.data-00000-of-00001</c>.</summary>
    public string ShardPath(int shardId) => $"{Prefix}.data-{shardId:D5}-of-{Header.NumShards:D5}";

    /// <summary>Returns whether the bundle has a tensor under <paramref name="key"/>.</summary>
    public bool Contains(string key) => entries.ContainsKey(key);

    /// <summary>Returns the index entry of a key.</summary>
    /// <exception cref="KeyNotFoundException">The key is not in the index.</exception>
    public BundleEntryProto GetEntry(string key) =>
        entries.TryGetValue(key, out var entry)
            ? entry
            : throw new KeyNotFoundException($"Checkpoint index '{IndexPath}' has no tensor with key '{key}'.");

    /// <summary>Reads a numeric tensor and checks its size, shape and CRC-32C.</summary>
    /// <param name="key">The checkpoint key.</param>
    /// <param name="name">The name to give the tensor; null uses the key.</param>
    /// <param name="variableName">The TensorFlow variable name, when known.</param>
    /// <returns>The tensor, little-endian whatever the bundle's byte order.</returns>
    /// <exception cref="InvalidDataException">The entry does not match its bytes, or the bytes fail the CRC check.</exception>
    /// <exception cref="NotSupportedException">The tensor is a string, resource or partitioned tensor.</exception>
    public SavedTensor ReadTensor(string key, string? name = null, string variableName = "")
    {
        var entry = GetEntry(key);
        if (entry.Slices.Count > 0)
        {
            throw new NotSupportedException($"Tensor '{key}' in '{IndexPath}' is a partitioned variable ({entry.Slices.Count} slices); partitioned variables are not supported.");
        }

        var elementSize = TensorDataTypes.ElementSize(entry.Dtype);
        if (elementSize == 0)
        {
            throw new NotSupportedException(
                $"Tensor '{key}' in '{IndexPath}' has dtype {TensorDataTypes.KerasName(entry.Dtype)}; only numeric tensors can be read as values.");
        }

        var shape = ShapeOf(entry, key);
        var expectedSize = shape.Aggregate(1L, (a, b) => a * b) * elementSize;
        if (entry.Size != expectedSize)
        {
            throw new InvalidDataException(
                $"Tensor '{key}' in '{IndexPath}' has shape {KerasVariable.FormatShape(shape)} and dtype {TensorDataTypes.KerasName(entry.Dtype)}, which need {expectedSize} bytes, but its entry records {entry.Size} bytes.");
        }

        var data = ReadBytes(entry, key);
        CheckCrc(entry, key, Crc32C.Compute(data));
        if (bigEndian)
        {
            SwapByteOrder(data, TensorDataTypes.ComponentSize(entry.Dtype));
        }

        return new SavedTensor(name ?? key, variableName, key, entry.Dtype, shape, data);
    }

    /// <summary>Reads a string tensor, such as the object graph, and checks both of its checksums.</summary>
    /// <param name="key">The checkpoint key.</param>
    /// <returns>The byte strings in row-major order.</returns>
    /// <exception cref="InvalidDataException">The bytes are malformed or fail a CRC check.</exception>
    public IReadOnlyList<byte[]> ReadStrings(string key)
    {
        var entry = GetEntry(key);
        if (entry.Dtype != DataType.DtString)
        {
            throw new InvalidDataException($"Tensor '{key}' in '{IndexPath}' has dtype {TensorDataTypes.KerasName(entry.Dtype)}; expected string.");
        }

        var shape = ShapeOf(entry, key);
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var data = ReadBytes(entry, key);
        var location = $"tensor '{key}' in '{ShardPath(entry.ShardId)}'";
        var (strings, crc) = StringTensorFormat.Decode(data, count, location);
        CheckCrc(entry, key, crc);
        return strings;
    }

    /// <summary>Reads and parses the checkpoint's object graph.</summary>
    /// <exception cref="InvalidDataException">The bundle has no object graph or it cannot be parsed.</exception>
    public TrackableObjectGraph ReadObjectGraph()
    {
        if (!Contains(ObjectGraphKey))
        {
            throw new InvalidDataException(
                $"Checkpoint index '{IndexPath}' has no '{ObjectGraphKey}' entry; it is a name-based TF1 checkpoint, which has no object graph to match weights to layers.");
        }

        var strings = ReadStrings(ObjectGraphKey);
        if (strings.Count != 1)
        {
            throw new InvalidDataException($"Tensor '{ObjectGraphKey}' in '{IndexPath}' contains {strings.Count} strings; expected 1.");
        }

        return Parse(TrackableObjectGraph.Parser, strings[0], IndexPath, $"tensor '{ObjectGraphKey}'");
    }

    private static T Parse<T>(MessageParser<T> parser, byte[] bytes, string path, string subject)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new InvalidDataException($"Checkpoint index '{path}' has a malformed value for {subject}: {exception.Message}", exception);
        }
    }

    private static void SwapByteOrder(byte[] data, int componentSize)
    {
        if (componentSize <= 1)
        {
            return;
        }

        for (var i = 0; i < data.Length; i += componentSize)
        {
            Array.Reverse(data, i, componentSize);
        }
    }

    private int[] ShapeOf(BundleEntryProto entry, string key)
    {
        var shapeProto = entry.Shape ?? new TensorShapeProto();
        if (shapeProto.UnknownRank || shapeProto.Dim.Any(d => d.Size < 0 || d.Size > int.MaxValue))
        {
            var dims = string.Join(", ", shapeProto.Dim.Select(d => d.Size));
            throw new InvalidDataException($"Tensor '{key}' in '{IndexPath}' has an invalid shape ({dims}); a checkpoint tensor needs known, non-negative dimensions.");
        }

        return shapeProto.Dim.Select(d => (int)d.Size).ToArray();
    }

    private byte[] ReadBytes(BundleEntryProto entry, string key)
    {
        if (entry.ShardId < 0 || entry.ShardId >= Header.NumShards)
        {
            throw new InvalidDataException(
                $"Tensor '{key}' in '{IndexPath}' refers to data shard {entry.ShardId}, but the bundle has {Header.NumShards} shard(s).");
        }

        var shardPath = ShardPath(entry.ShardId);
        if (entry.Size > Array.MaxLength)
        {
            throw new NotSupportedException($"Tensor '{key}' in '{shardPath}' has {entry.Size} bytes, more than one .NET array can hold.");
        }

        using var handle = OpenShard(shardPath);
        var length = RandomAccess.GetLength(handle);
        if (entry.Offset < 0 || entry.Size < 0 || entry.Offset + entry.Size > length)
        {
            throw new InvalidDataException(
                $"Checkpoint data shard '{shardPath}' is truncated: tensor '{key}' needs bytes {entry.Offset} to {entry.Offset + entry.Size}, but the file has {length} bytes.");
        }

        var data = new byte[entry.Size];
        var read = 0;
        while (read < data.Length)
        {
            var n = RandomAccess.Read(handle, data.AsSpan(read), entry.Offset + read);
            if (n == 0)
            {
                throw new InvalidDataException($"Checkpoint data shard '{shardPath}' ended while reading tensor '{key}'.");
            }

            read += n;
        }

        return data;
    }

    private static Microsoft.Win32.SafeHandles.SafeFileHandle OpenShard(string shardPath)
    {
        try
        {
            return File.OpenHandle(shardPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
        catch (FileNotFoundException exception)
        {
            throw new FileNotFoundException($"Checkpoint data shard '{shardPath}' was not found.", shardPath, exception);
        }
    }

    private void CheckCrc(BundleEntryProto entry, string key, uint computedCrc)
    {
        var computed = Crc32C.Mask(computedCrc);
        if (computed != entry.Crc32C)
        {
            throw new InvalidDataException(
                $"Tensor '{key}' in '{ShardPath(entry.ShardId)}' is corrupted: its CRC-32C check failed (stored 0x{entry.Crc32C:x8}, computed 0x{computed:x8}).");
        }
    }

    private void CheckShardsExist()
    {
        for (var shard = 0; shard < Header.NumShards; shard++)
        {
            var path = ShardPath(shard);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"Checkpoint data shard '{path}' was not found; '{IndexPath}' lists {Header.NumShards} shard(s) and all of them are needed.", path);
            }
        }
    }
}
