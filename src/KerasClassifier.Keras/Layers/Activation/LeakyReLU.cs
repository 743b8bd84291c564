using System.Text.Json.Nodes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>The leaky rectified linear unit, <c>x</c> for <c>x &gt;= 0</c> else <c>negativeSlope * x</c>, as Keras's <c>LeakyReLU</c>.</summary>
public sealed class LeakyReLU : Layer
{
    /// <summary>Initializes a new instance of the <see cref="LeakyReLU"/> class.</summary>
    /// <param name="negativeSlope">The slope below 0 (default 0.3, Keras's; libtorch's is 0.01); 0 or more.</param>
    /// <param name="name">The layer name.</param>
    public LeakyReLU(double negativeSlope = 0.3, string? name = null)
        : base(name)
    {
        if (!(negativeSlope >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "Invalid negativeSlope for LeakyReLU; expected a value of 0 or more.");
        }

        NegativeSlope = negativeSlope;
    }

    /// <summary>Gets the slope below 0.</summary>
    public double NegativeSlope { get; }

    /// <summary>Creates the layer from its Keras config; Keras 2's <c>alpha</c> key is read too.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static LeakyReLU FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var slope = LayerConfig.GetOptional<double>(config, "negative_slope") ?? LayerConfig.Get(config, "alpha", 0.3);
        return LayerConfig.WithBaseKeys(new LeakyReLU(slope, LayerConfig.Name(config)), config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["negative_slope"] = NegativeSlope;
        return config;
    }

    internal override Tensor Call(Tensor x, bool training) => F.leaky_relu(x, NegativeSlope);
}
