using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Removes rows and columns at the edges of images, as Keras's <c>Cropping2D</c>.</summary>
public sealed class Cropping2D : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Cropping2D"/> class.</summary>
    /// <param name="cropping">The amounts: an int, (height, width) or ((top, bottom), (left, right)); default 0.</param>
    /// <param name="name">The layer name.</param>
    public Cropping2D(Margin2D? cropping = null, string? name = null)
        : base(name)
    {
        Cropping = (cropping ?? 0).RequireNonNegative(nameof(cropping));
    }

    /// <summary>Gets the amounts per edge.</summary>
    public Margin2D Cropping { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static Cropping2D FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        LayerConfig.RequireChannelsLast(config, "Cropping2D");
        var cropping = config["cropping"] is { } node ? Margin2D.FromJson(node) : 0;
        return LayerConfig.WithBaseKeys(new Cropping2D(cropping, LayerConfig.Name(config)), config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        new(inputShape[0], inputShape[1] - Cropping.Top - Cropping.Bottom, inputShape[2] - Cropping.Left - Cropping.Right, inputShape[3]);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["cropping"] = Cropping.ToJson();
        config["data_format"] = "channels_last";
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape)
    {
        RequireRank(inputShape, 4);
        var output = ComputeOutputShape(inputShape);
        if (output[1] <= 0 || output[2] <= 0)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Cropping2D) with cropping {Cropping} removes the whole image for input shape {inputShape}; crop less.", nameof(inputShape));
        }
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        var height = x.shape[2] - Cropping.Top - Cropping.Bottom;
        var width = x.shape[3] - Cropping.Left - Cropping.Right;
        return x.narrow(2, Cropping.Top, height).narrow(3, Cropping.Left, width);
    }
}
