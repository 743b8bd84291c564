using System.Text.Json.Nodes;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>The exponential linear unit, <c>x</c> for <c>x &gt; 0</c> else <c>alpha * (exp(x) - 1)</c>, as Keras's <c>ELU</c> layer.</summary>
public sealed class ELU : Layer
{
    /// <summary>Initializes a new instance of the <see cref="ELU"/> class.</summary>
    /// <param name="alpha">The scale of the negative part (default 1).</param>
    /// <param name="name">The layer name.</param>
    public ELU(double alpha = 1.0, string? name = null)
        : base(name)
    {
        if (!double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Invalid alpha for ELU; expected a finite value.");
        }

        Alpha = alpha;
    }

    /// <summary>Gets alpha.</summary>
    public double Alpha { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static ELU FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return LayerConfig.WithBaseKeys(new ELU(LayerConfig.Get(config, "alpha", 1.0), LayerConfig.Name(config)), config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["alpha"] = Alpha;
        return config;
    }

    internal override Tensor Call(Tensor x, bool training) => F.elu(x, Alpha);
}
