using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Joins its inputs along one axis, as Keras's <c>Concatenate</c> layer.</summary>
/// <remarks>The axis is numbered as Keras numbers channels_last shapes: -1 (default) is the channels axis.</remarks>
/// <example><c>var features = new Concatenate().Apply([a, b]);</c></example>
public sealed class Concatenate : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Concatenate"/> class.</summary>
    /// <param name="axis">The axis to join along (default -1, the last); the batch axis 0 is not allowed.</param>
    /// <param name="name">The layer name.</param>
    public Concatenate(int axis = -1, string? name = null)
        : base(name)
    {
        Axis = axis;
    }

    /// <summary>Gets the axis.</summary>
    public int Axis { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static Concatenate FromConfig(JsonObject config) =>
        LayerConfig.WithBaseKeys(new Concatenate(LayerConfig.Get(config, "axis", -1), LayerConfig.Name(config)), config);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis;
        return config;
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => throw NotAList(inputShape);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        if (inputShapes.Count == 1)
        {
            throw NotAList(inputShapes[0]);
        }

        var rank = inputShapes[0].Rank;
        var axis = Axis < 0 ? Axis + rank : Axis;
        if (axis <= 0 || axis >= rank || inputShapes.Any(s => s.Rank != rank))
        {
            throw Mismatch(inputShapes);
        }

        var dims = inputShapes[0].Dims;
        for (var i = 1; i < rank; i++)
        {
            if (i == axis)
            {
                dims[i] = inputShapes.Any(s => s[i] is null) ? null : inputShapes.Sum(s => s[i]!.Value);
                continue;
            }

            var known = inputShapes.Select(s => s[i]).Where(d => d is not null).Distinct().ToArray();
            if (known.Length > 1)
            {
                throw Mismatch(inputShapes);
            }

            dims[i] = known.Length == 1 ? known[0] : null;
        }

        return new Shape(dims);
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) => throw NotAList(inputShape);

    /// <inheritdoc/>
    protected override void ValidateInputShapes(IReadOnlyList<Shape> inputShapes) => _ = ComputeOutputShape(inputShapes);

    internal override Tensor Call(Tensor x, bool training) => throw NotAList(new Shape([null, .. x.shape.Skip(1).Select(d => (int?)(int)d)]));

    internal override IReadOnlyList<Tensor> CallList(IReadOnlyList<Tensor> inputs, bool training) =>
        [cat(inputs.ToArray(), TensorLayout.BackendAxis(Axis, inputs[0].dim()))];

    private ArgumentException NotAList(Shape inputShape) => new(
        $"Layer \"{Name}\" (Concatenate) should be called on a list of at least 2 inputs; received one input with shape {inputShape}.", "inputShape");

    private ArgumentException Mismatch(IReadOnlyList<Shape> shapes) => new(
        $"Layer \"{Name}\" (Concatenate) with axis={Axis} requires inputs of one rank with matching shapes except for the concatenation axis. Received: input_shape={FormatShapes(shapes)}.",
        "inputShapes");
}
