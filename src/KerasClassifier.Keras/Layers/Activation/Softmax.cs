using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Applies softmax along one axis, as Keras's <c>Softmax</c> layer; the axis is numbered as in channels_last shapes.</summary>
/// <remarks>Keras's optional input mask is not supported.</remarks>
public sealed class Softmax : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Softmax"/> class.</summary>
    /// <param name="axis">The axis to normalize (default -1, the channels); the batch axis 0 is not allowed.</param>
    /// <param name="name">The layer name.</param>
    public Softmax(int axis = -1, string? name = null)
        : base(name)
    {
        Axis = axis;
    }

    /// <summary>Gets the axis.</summary>
    public int Axis { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static Softmax FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var axis = config["axis"] switch
        {
            JsonArray { Count: 1 } list => list[0]!.GetValue<int>(),
            JsonArray => throw new NotSupportedException("Softmax config has several axes; only one is supported."),
            JsonValue single => single.GetValue<int>(),
            _ => -1,
        };
        return LayerConfig.WithBaseKeys(new Softmax(axis, LayerConfig.Name(config)), config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis;
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape)
    {
        var axis = Axis < 0 ? Axis + inputShape.Rank : Axis;
        if (axis <= 0 || axis >= inputShape.Rank)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Softmax) has axis={Axis}, which is the batch axis or outside input shape {inputShape}.", nameof(inputShape));
        }
    }

    internal override Tensor Call(Tensor x, bool training) => F.softmax(x, TensorLayout.BackendAxis(Axis, x.dim()));
}
