using System.Text.Json.Nodes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Repeats (nearest) or interpolates (bilinear) rows and columns, as Keras's <c>UpSampling2D</c>.</summary>
/// <remarks>Bilinear interpolation uses half-pixel centres without antialiasing, as Keras's resize does.</remarks>
public sealed class UpSampling2D : Layer
{
    /// <summary>Initializes a new instance of the <see cref="UpSampling2D"/> class.</summary>
    /// <param name="size">The factors for rows and columns (default 2).</param>
    /// <param name="interpolation"><c>nearest</c> (default) or <c>bilinear</c>.</param>
    /// <param name="name">The layer name.</param>
    public UpSampling2D(Size2D? size = null, string interpolation = "nearest", string? name = null)
        : base(name)
    {
        if (interpolation is not ("nearest" or "bilinear"))
        {
            throw new ArgumentException($"Invalid interpolation '{interpolation}' for UpSampling2D; expected nearest or bilinear.", nameof(interpolation));
        }

        Size = (size ?? 2).RequirePositive(nameof(size));
        Interpolation = interpolation;
    }

    /// <summary>Gets the factors.</summary>
    public Size2D Size { get; }

    /// <summary>Gets the interpolation.</summary>
    public string Interpolation { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static UpSampling2D FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        LayerConfig.RequireChannelsLast(config, "UpSampling2D");
        return LayerConfig.WithBaseKeys(
            new UpSampling2D(LayerConfig.Size(config, "size", 2), LayerConfig.Get(config, "interpolation", "nearest"), LayerConfig.Name(config)),
            config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        new(inputShape[0], inputShape[1] * Size.Height, inputShape[2] * Size.Width, inputShape[3]);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["size"] = Size.ToJson();
        config["data_format"] = "channels_last";
        config["interpolation"] = Interpolation;
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) => RequireRank(inputShape, 4);

    internal override Tensor Call(Tensor x, bool training)
    {
        if (Interpolation == "nearest")
        {
            return x.repeat_interleave(Size.Height, 2).repeat_interleave(Size.Width, 3);
        }

        long[] outputSize = [x.shape[2] * Size.Height, x.shape[3] * Size.Width];
        return F.interpolate(x, outputSize, mode: InterpolationMode.Bilinear, align_corners: false);
    }
}
