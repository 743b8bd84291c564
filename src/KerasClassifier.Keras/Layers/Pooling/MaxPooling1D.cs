using System.Text.Json.Nodes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Max pooling over the steps of (batch, steps, channels) sequences, as Keras's <c>MaxPooling1D</c>.</summary>
public sealed class MaxPooling1D : Layer
{
    /// <summary>Initializes a new instance of the <see cref="MaxPooling1D"/> class.</summary>
    /// <param name="poolSize">The window length (default 2); positive.</param>
    /// <param name="strides">The stride; null means <paramref name="poolSize"/>, as in Keras.</param>
    /// <param name="padding"><c>valid</c> (default) or <c>same</c>; padded cells never win the maximum.</param>
    /// <param name="name">The layer name.</param>
    public MaxPooling1D(int poolSize = 2, int? strides = null, string padding = "valid", string? name = null)
        : base(name)
    {
        PoolSize = new Size2D(1, poolSize).RequirePositive(nameof(poolSize)).Width;
        Strides = new Size2D(1, strides ?? poolSize).RequirePositive(nameof(strides)).Width;
        Padding = Layers.Padding.Validate(padding);
    }

    /// <summary>Gets the window length.</summary>
    public int PoolSize { get; }

    /// <summary>Gets the stride.</summary>
    public int Strides { get; }

    /// <summary>Gets the padding mode.</summary>
    public string Padding { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static MaxPooling1D FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        LayerConfig.RequireChannelsLast(config, "MaxPooling1D");
        var poolSize = LayerConfig.Int1D(config, "pool_size", 2);
        return LayerConfig.WithBaseKeys(
            new MaxPooling1D(poolSize, LayerConfig.Int1D(config, "strides", poolSize), LayerConfig.Get(config, "padding", "valid"), LayerConfig.Name(config)),
            config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        new(inputShape[0], Layers.Padding.OutputLength(inputShape[1], PoolSize, Strides, 1, Padding), inputShape[2]);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["pool_size"] = new JsonArray(PoolSize);
        config["padding"] = Padding;
        config["strides"] = new JsonArray(Strides);
        config["data_format"] = "channels_last";
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) =>
        ConvolutionChecks.RequireInput(this, inputShape, ComputeOutputShape(inputShape), 3, PoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture), Padding);

    internal override Tensor Call(Tensor x, bool training)
    {
        var channelsFirst = ConvolutionPadding.Pad1D(x.transpose(1, 2), Padding, PoolSize, Strides, 1, double.NegativeInfinity);
        return F.max_pool1d(channelsFirst, PoolSize, Strides).transpose(1, 2);
    }
}
