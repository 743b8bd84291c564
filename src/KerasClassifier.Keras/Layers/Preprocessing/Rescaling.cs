using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Multiplies inputs by <c>scale</c> and adds <c>offset</c>, as Keras's <c>Rescaling</c>.</summary>
/// <example><c>new Rescaling(1.0 / 255)</c> maps pixel values 0..255 to 0..1.</example>
public sealed class Rescaling : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Rescaling"/> class.</summary>
    /// <param name="scale">The factor.</param>
    /// <param name="offset">The offset added after scaling (default 0).</param>
    /// <param name="name">The layer name.</param>
    public Rescaling(double scale, double offset = 0, string? name = null)
        : base(name)
    {
        if (double.IsNaN(scale) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Invalid scale for Rescaling; expected a finite number.");
        }

        Scale = scale;
        Offset = offset;
    }

    /// <summary>Gets the factor.</summary>
    public double Scale { get; }

    /// <summary>Gets the offset.</summary>
    public double Offset { get; }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer, Keras 2 keys converted.</param>
    /// <returns>The layer, not yet built.</returns>
    public static Rescaling FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(Rescaling));
        if (config["scale"] is JsonArray || config["offset"] is JsonArray)
        {
            throw new NotSupportedException($"Layer '{reader.GetName()}' (Rescaling) has per-channel scale or offset lists; only single numbers are supported.");
        }

        return new Rescaling(reader.GetOptionalDouble("scale") ?? throw reader.Missing("scale"), reader.GetDouble("offset", 0), reader.GetName());
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["scale"] = Scale;
        config["offset"] = Offset;
        return config;
    }

    internal override Tensor Call(Tensor x, bool training) => Offset == 0 ? ScalarOps.Multiply(x, Scale) : ScalarOps.MultiplyAdd(x, Scale, Offset);
}
