using System.Text.Json.Nodes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Average pooling over height and width, as Keras's <c>AveragePooling2D</c>.</summary>
/// <remarks>With <c>same</c> padding, padded cells are left out of each average, as TensorFlow does.</remarks>
public sealed class AveragePooling2D : Layer
{
    /// <summary>Initializes a new instance of the <see cref="AveragePooling2D"/> class.</summary>
    /// <param name="poolSize">The window size (default 2).</param>
    /// <param name="strides">The strides; null means <paramref name="poolSize"/>, as in Keras.</param>
    /// <param name="padding"><c>valid</c> (default) or <c>same</c>.</param>
    /// <param name="name">The layer name.</param>
    public AveragePooling2D(Size2D? poolSize = null, Size2D? strides = null, string padding = "valid", string? name = null)
        : base(name)
    {
        PoolSize = (poolSize ?? 2).RequirePositive(nameof(poolSize));
        Strides = (strides ?? PoolSize).RequirePositive(nameof(strides));
        Padding = Layers.Padding.Validate(padding);
    }

    /// <summary>Gets the window size.</summary>
    public Size2D PoolSize { get; }

    /// <summary>Gets the strides.</summary>
    public Size2D Strides { get; }

    /// <summary>Gets the padding mode.</summary>
    public string Padding { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static AveragePooling2D FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        LayerConfig.RequireChannelsLast(config, "AveragePooling2D");
        return LayerConfig.WithBaseKeys(
            new AveragePooling2D(
                LayerConfig.Size(config, "pool_size", 2),
                LayerConfig.OptionalSize(config, "strides"),
                LayerConfig.Get(config, "padding", "valid"),
                LayerConfig.Name(config)),
            config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(
        inputShape[0],
        Layers.Padding.OutputLength(inputShape[1], PoolSize.Height, Strides.Height, 1, Padding),
        Layers.Padding.OutputLength(inputShape[2], PoolSize.Width, Strides.Width, 1, Padding),
        inputShape[3]);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["pool_size"] = PoolSize.ToJson();
        config["padding"] = Padding;
        config["strides"] = Strides.ToJson();
        config["data_format"] = "channels_last";
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) =>
        ConvolutionChecks.RequireImageInput(this, inputShape, ComputeOutputShape(inputShape), PoolSize, Padding);

    internal override Tensor Call(Tensor x, bool training)
    {
        long[] window = [PoolSize.Height, PoolSize.Width];
        long[] strides = [Strides.Height, Strides.Width];
        if (Padding == "valid")
        {
            return F.avg_pool2d(x, window, strides);
        }

        // Average the zero-padded input, then divide by the share of real cells in each window.
        var (top, bottom) = Layers.Padding.Same((int)x.shape[2], PoolSize.Height, Strides.Height, 1);
        var (left, right) = Layers.Padding.Same((int)x.shape[3], PoolSize.Width, Strides.Width, 1);
        var zeroPadded = F.pad(x, [left, right, top, bottom]);
        var mask = F.pad(ones(1, 1, x.shape[2], x.shape[3], dtype: x.dtype, device: x.device), [left, right, top, bottom]);
        return F.avg_pool2d(zeroPadded, window, strides) / F.avg_pool2d(mask, window, strides);
    }
}
