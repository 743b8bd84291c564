using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Max pooling over height and width, as Keras's <c>MaxPooling2D</c>.</summary>
public sealed class MaxPooling2D : Layer
{
    /// <summary>Initializes a new instance of the <see cref="MaxPooling2D"/> class.</summary>
    /// <param name="poolSize">The window size (default 2).</param>
    /// <param name="strides">The strides; null means <paramref name="poolSize"/>, as in Keras.</param>
    /// <param name="padding"><c>valid</c> (default) or <c>same</c>; padded cells never win the maximum.</param>
    /// <param name="name">The layer name.</param>
    public MaxPooling2D(Size2D? poolSize = null, Size2D? strides = null, string padding = "valid", string? name = null)
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

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer, Keras 2 keys converted.</param>
    /// <returns>The layer, not yet built.</returns>
    public static MaxPooling2D FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(MaxPooling2D));
        reader.RequireChannelsLast();
        return new MaxPooling2D(reader.GetSize2D("pool_size", 2), reader.GetOptionalSize2D("strides"), reader.GetPadding(), reader.GetName());
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
    protected override void ValidateInputShape(Shape inputShape)
    {
        RequireRank(inputShape, 4);
        var output = ComputeOutputShape(inputShape);
        if (output[1] == 0 || output[2] == 0)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (MaxPooling2D) with pool size {PoolSize} gives an empty output for input shape {inputShape}; use a larger input or padding='same'.",
                nameof(inputShape));
        }
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        if (Padding == "same")
        {
            var (top, bottom) = Layers.Padding.Same((int)x.shape[2], PoolSize.Height, Strides.Height, 1);
            var (left, right) = Layers.Padding.Same((int)x.shape[3], PoolSize.Width, Strides.Width, 1);
            if (top + bottom + left + right > 0)
            {
                x = F.pad(x, [left, right, top, bottom], value: double.NegativeInfinity);
            }
        }

        return F.max_pool2d(x, [PoolSize.Height, PoolSize.Width], [Strides.Height, Strides.Width]);
    }
}
