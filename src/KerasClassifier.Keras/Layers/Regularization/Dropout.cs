using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Zeroes a fraction of inputs during training and scales the rest, as Keras's <c>Dropout</c>.</summary>
public sealed class Dropout : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Dropout"/> class.</summary>
    /// <param name="rate">The fraction to drop, in [0, 1).</param>
    /// <param name="seed">Unused by this backend: dropout draws from the seeded global generator.</param>
    /// <param name="name">The layer name.</param>
    public Dropout(double rate, int? seed = null, string? name = null)
        : base(name)
    {
        if (rate is < 0 or >= 1 || double.IsNaN(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"Invalid rate {rate} for Dropout; expected a value in [0, 1).");
        }

        Rate = rate;
        Seed = seed;
    }

    /// <summary>Gets the drop rate.</summary>
    public double Rate { get; }

    /// <summary>Gets the seed as configured.</summary>
    public int? Seed { get; }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer, Keras 2 keys converted.</param>
    /// <returns>The layer, not yet built.</returns>
    public static Dropout FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(Dropout));
        if (reader.Has("noise_shape"))
        {
            throw new NotSupportedException($"Layer '{reader.GetName()}' (Dropout) has a noise_shape, which is not supported.");
        }

        return new Dropout(reader.GetDouble("rate", 0), reader.GetOptionalInt("seed"), reader.GetName());
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["rate"] = Rate;
        config["seed"] = Seed;
        config["noise_shape"] = null;
        return config;
    }

    internal override Tensor Call(Tensor x, bool training) => training && Rate > 0 ? F.dropout(x, Rate, training: true) : x;
}
