using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// The rectified linear unit with Keras's options: <c>f(x) = maxValue</c> for <c>x &gt;= maxValue</c>,
/// <c>x</c> for <c>threshold &lt;= x &lt; maxValue</c>, else <c>negativeSlope * (x - threshold)</c>.
/// </summary>
public sealed class ReLU : Layer
{
    /// <summary>Initializes a new instance of the <see cref="ReLU"/> class.</summary>
    /// <param name="maxValue">The upper bound (null for none; 6 gives ReLU6).</param>
    /// <param name="negativeSlope">The slope below the threshold (default 0).</param>
    /// <param name="threshold">The threshold (default 0).</param>
    /// <param name="name">The layer name.</param>
    public ReLU(double? maxValue = null, double negativeSlope = 0, double threshold = 0, string? name = null)
        : base(name)
    {
        if (maxValue is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue, "Invalid maxValue for ReLU; expected null or a value >= 0.");
        }

        if (negativeSlope < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "Invalid negativeSlope for ReLU; expected a value >= 0.");
        }

        MaxValue = maxValue;
        NegativeSlope = negativeSlope;
        Threshold = threshold;
    }

    /// <summary>Gets the upper bound, or null.</summary>
    public double? MaxValue { get; }

    /// <summary>Gets the slope below the threshold.</summary>
    public double NegativeSlope { get; }

    /// <summary>Gets the threshold.</summary>
    public double Threshold { get; }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer, Keras 2 keys converted.</param>
    /// <returns>The layer, not yet built.</returns>
    public static ReLU FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(ReLU));
        return new ReLU(reader.GetOptionalDouble("max_value"), reader.GetDouble("negative_slope", 0), reader.GetDouble("threshold", 0), reader.GetName());
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["max_value"] = MaxValue;
        config["negative_slope"] = NegativeSlope;
        config["threshold"] = Threshold;
        return config;
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        if (NegativeSlope == 0 && Threshold == 0)
        {
            return MaxValue is null ? F.relu(x) : x.clamp(0, MaxValue.Value);
        }

        var y = where(x >= Threshold, x, (x - Threshold) * NegativeSlope);
        return MaxValue is null ? y : y.clamp_max(MaxValue.Value);
    }
}
