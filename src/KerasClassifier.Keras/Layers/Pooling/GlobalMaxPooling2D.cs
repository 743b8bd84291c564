using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Takes the maximum over height and width, as Keras's <c>GlobalMaxPooling2D</c>.</summary>
public sealed class GlobalMaxPooling2D : Layer
{
    /// <summary>Initializes a new instance of the <see cref="GlobalMaxPooling2D"/> class.</summary>
    /// <param name="keepdims">Whether to keep height and width as size-1 axes (default false).</param>
    /// <param name="name">The layer name.</param>
    public GlobalMaxPooling2D(bool keepdims = false, string? name = null)
        : base(name)
    {
        Keepdims = keepdims;
    }

    /// <summary>Gets a value indicating whether the spatial axes are kept.</summary>
    public bool Keepdims { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static GlobalMaxPooling2D FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        LayerConfig.RequireChannelsLast(config, "GlobalMaxPooling2D");
        return LayerConfig.WithBaseKeys(new GlobalMaxPooling2D(LayerConfig.Get(config, "keepdims", false), LayerConfig.Name(config)), config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        Keepdims ? new Shape(inputShape[0], 1, 1, inputShape[3]) : new Shape(inputShape[0], inputShape[3]);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = "channels_last";
        config["keepdims"] = Keepdims;
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) => RequireRank(inputShape, 4);

    internal override Tensor Call(Tensor x, bool training) => x.amax([2L, 3L], keepdim: Keepdims);
}
