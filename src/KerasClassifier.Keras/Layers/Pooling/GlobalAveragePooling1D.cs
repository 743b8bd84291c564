using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Averages over the steps of (batch, steps, channels) sequences, as Keras's <c>GlobalAveragePooling1D</c>.</summary>
/// <remarks>Keras's input mask is not supported: every step counts.</remarks>
public sealed class GlobalAveragePooling1D : Layer
{
    /// <summary>Initializes a new instance of the <see cref="GlobalAveragePooling1D"/> class.</summary>
    /// <param name="keepdims">Whether to keep the steps axis with size 1 (default false).</param>
    /// <param name="name">The layer name.</param>
    public GlobalAveragePooling1D(bool keepdims = false, string? name = null)
        : base(name)
    {
        Keepdims = keepdims;
    }

    /// <summary>Gets a value indicating whether the steps axis is kept.</summary>
    public bool Keepdims { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static GlobalAveragePooling1D FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        LayerConfig.RequireChannelsLast(config, "GlobalAveragePooling1D");
        return LayerConfig.WithBaseKeys(new GlobalAveragePooling1D(LayerConfig.Get(config, "keepdims", false), LayerConfig.Name(config)), config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        Keepdims ? new Shape(inputShape[0], 1, inputShape[2]) : new Shape(inputShape[0], inputShape[2]);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = "channels_last";
        config["keepdims"] = Keepdims;
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) => RequireRank(inputShape, 3);

    internal override Tensor Call(Tensor x, bool training) => x.mean([1L], keepdim: Keepdims);
}
