using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Averages over height and width, as Keras's <c>GlobalAveragePooling2D</c>.</summary>
public sealed class GlobalAveragePooling2D : Layer
{
    /// <summary>Initializes a new instance of the <see cref="GlobalAveragePooling2D"/> class.</summary>
    /// <param name="keepdims">Whether to keep height and width as size-1 axes (default false).</param>
    /// <param name="name">The layer name.</param>
    public GlobalAveragePooling2D(bool keepdims = false, string? name = null)
        : base(name)
    {
        Keepdims = keepdims;
    }

    /// <summary>Gets a value indicating whether the spatial axes are kept.</summary>
    public bool Keepdims { get; }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer, Keras 2 keys converted.</param>
    /// <returns>The layer, not yet built.</returns>
    public static GlobalAveragePooling2D FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(GlobalAveragePooling2D));
        reader.RequireChannelsLast();
        return new GlobalAveragePooling2D(reader.GetBool("keepdims", false), reader.GetName());
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

    internal override Tensor Call(Tensor x, bool training) => x.mean([2L, 3L], keepdim: Keepdims);
}
