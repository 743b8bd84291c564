using Google.Protobuf;
using KerasClassifier.Keras.Saving.Onnx.Proto;

namespace KerasClassifier.Keras.Saving.Onnx;

/// <summary>
/// The main graph of an ONNX model file, indexed for walking: nodes in file order, the node that
/// produces each tensor, the nodes that consume it, and the initializers (the stored weights) by name.
/// </summary>
internal sealed class OnnxGraph
{
    // TensorProto.DataType FLOAT in the ONNX specification.
    private const int FloatDataType = 1;

    // TensorProto.DataLocation EXTERNAL: the values sit in a separate file, which the importer does not read.
    private const int ExternalDataLocation = 1;

    private readonly Dictionary<string, TensorProto> initializers;
    private readonly Dictionary<string, List<NodeProto>> consumers;

    private OnnxGraph(string filePath, ModelProto model)
    {
        FilePath = filePath;
        var graph = model.Graph;
        Nodes = graph.Node;
        initializers = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var initializer in graph.Initializer)
        {
            initializers[initializer.Name] = initializer;
        }

        consumers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var input in node.Input)
            {
                if (!consumers.TryGetValue(input, out var list))
                {
                    list = [];
                    consumers[input] = list;
                }

                list.Add(node);
            }
        }

        // Older exporters list the initializers among the graph inputs too; the data input is the one without a value.
        DataInputs = graph.Input.Where(i => !initializers.ContainsKey(i.Name)).ToList();
    }

    /// <summary>Gets the path of the file the graph was read from, for error messages.</summary>
    public string FilePath { get; }

    /// <summary>Gets the nodes in file order, which ONNX requires to be topological.</summary>
    public IReadOnlyList<NodeProto> Nodes { get; }

    /// <summary>Gets the graph inputs that are fed at run time (not initializers).</summary>
    public IReadOnlyList<ValueInfoProto> DataInputs { get; }

    /// <summary>Gets the number of initializers.</summary>
    public int InitializerCount => initializers.Count;

    /// <summary>Reads and indexes an ONNX model file.</summary>
    /// <param name="path">The <c>.onnx</c> file.</param>
    /// <returns>The indexed main graph.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a complete ONNX model (truncated, another format, or without a graph).</exception>
    public static OnnxGraph Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX file '{path}' was not found.", path);
        }

        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException(
                $"'{path}' is not a valid ONNX model: the protobuf data could not be parsed ({ex.Message}). The file may be truncated or in another format.", ex);
        }

        if (model.Graph is null || model.Graph.Node.Count == 0)
        {
            throw new InvalidDataException(
                $"'{path}' is not a valid ONNX model: it contains no graph nodes. The file may be truncated or in another format.");
        }

        return new OnnxGraph(path, model);
    }

    /// <summary>Returns the nodes that read a tensor, in file order.</summary>
    /// <param name="tensorName">The tensor name.</param>
    /// <returns>The consuming nodes; empty when none.</returns>
    public IReadOnlyList<NodeProto> ConsumersOf(string tensorName) =>
        consumers.TryGetValue(tensorName, out var list) ? list : [];

    /// <summary>Reads a float32 initializer.</summary>
    /// <param name="name">The initializer name, as a node input names it.</param>
    /// <returns>The dimensions and the row-major values.</returns>
    /// <exception cref="InvalidDataException">No such initializer, or it is not float32, or its value count does not match its dimensions.</exception>
    public (long[] Dims, float[] Values) ReadFloatInitializer(string name)
    {
        if (!initializers.TryGetValue(name, out var tensor))
        {
            throw new InvalidDataException($"'{FilePath}': tensor '{name}' is read as a weight but is not stored in the file (no initializer with that name).");
        }

        if (tensor.DataType != FloatDataType)
        {
            throw new InvalidDataException($"'{FilePath}': initializer '{name}' has ONNX data type {tensor.DataType}; expected 1 (float32).");
        }

        if (tensor.DataLocation == ExternalDataLocation)
        {
            throw new NotSupportedException($"'{FilePath}': initializer '{name}' is stored in an external data file, which is not supported; save the model with its weights inside the .onnx file.");
        }

        var dims = tensor.Dims.ToArray();
        var count = dims.Aggregate(1L, (a, b) => a * b);
        float[] values;
        if (!tensor.RawData.IsEmpty)
        {
            if (tensor.RawData.Length != count * sizeof(float))
            {
                throw new InvalidDataException(
                    $"'{FilePath}': initializer '{name}' of shape ({string.Join(", ", dims)}) needs {count * sizeof(float)} bytes of raw data; found {tensor.RawData.Length}.");
            }

            // ONNX stores raw_data little-endian, so a byte copy is exact on little-endian machines.
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("Reading ONNX raw_data needs a little-endian machine.");
            }

            values = new float[count];
            tensor.RawData.Span.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            if (tensor.FloatData.Count != count)
            {
                throw new InvalidDataException(
                    $"'{FilePath}': initializer '{name}' of shape ({string.Join(", ", dims)}) needs {count} values; found {tensor.FloatData.Count}.");
            }

            values = tensor.FloatData.ToArray();
        }

        return (dims, values);
    }

    /// <summary>Returns an integer-list attribute of a node, or a default when the node lacks it.</summary>
    public static long[] GetInts(NodeProto node, string name, long[] defaultValue) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? attribute.Ints.ToArray() : defaultValue;

    /// <summary>Returns a float attribute of a node, or a default when the node lacks it.</summary>
    public static float GetFloat(NodeProto node, string name, float defaultValue) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? attribute.F : defaultValue;

    /// <summary>Describes a node for error messages: its op type and name.</summary>
    public static string Describe(NodeProto node) =>
        string.IsNullOrEmpty(node.Name) ? $"{node.OpType} node producing '{node.Output.FirstOrDefault()}'" : $"{node.OpType} node '{node.Name}'";
}
