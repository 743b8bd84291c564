using System.Text.Json.Nodes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Adds rows and columns of zeros at the edges of images, as Keras's <c>ZeroPadding2D</c>.</summary>
/// <example><c>var x = new ZeroPadding2D(((0, 1), (0, 1))).Apply(inputs);</c> pads one row at the bottom and one column at the right.</example>
public sealed class ZeroPadding2D : Layer
{
    /// <summary>Initializes a new instance of the <see cref="ZeroPadding2D"/> class.</summary>
    /// <param name="padding">The amounts: an int, (height, width) or ((top, bottom), (left, right)); default 1 everywhere.</param>
    /// <param name="name">The layer name.</param>
    public ZeroPadding2D(Margin2D? padding = null, string? name = null)
        : base(name)
    {
        Padding = (padding ?? 1).RequireNonNegative(nameof(padding));
    }

    /// <summary>Gets the amounts per edge.</summary>
    public Margin2D Padding { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static ZeroPadding2D FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        LayerConfig.RequireChannelsLast(config, "ZeroPadding2D");
        var padding = config["padding"] is { } node ? Margin2D.FromJson(node) : 1;
        return LayerConfig.WithBaseKeys(new ZeroPadding2D(padding, LayerConfig.Name(config)), config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        new(inputShape[0], inputShape[1] + Padding.Top + Padding.Bottom, inputShape[2] + Padding.Left + Padding.Right, inputShape[3]);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["padding"] = Padding.ToJson();
        config["data_format"] = "channels_last";
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) => RequireRank(inputShape, 4);

    internal override Tensor Call(Tensor x, bool training) => F.pad(x, [Padding.Left, Padding.Right, Padding.Top, Padding.Bottom]);
}
