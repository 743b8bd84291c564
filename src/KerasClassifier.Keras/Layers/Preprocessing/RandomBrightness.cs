using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// Adds a random brightness offset to each image during training, as Keras's <c>RandomBrightness</c>:
/// the offset is a fraction of the value range, and results are clipped to that range.
/// </summary>
public sealed class RandomBrightness : RandomLayer
{
    /// <summary>Initializes a new instance of the <see cref="RandomBrightness"/> class.</summary>
    /// <param name="factor">f in [0, 1] draws the offset from [-f, f] times the range width; a pair gives [low, high].</param>
    /// <param name="valueRange">The pixel range (default 0 to 255).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="name">The layer name.</param>
    public RandomBrightness(double[] factor, (double Min, double Max)? valueRange = null, int? seed = null, string? name = null)
        : base(seed, name)
    {
        (Lower, Upper) = ParseFactor(factor, nameof(factor), limit: 1);
        ValueRange = valueRange ?? (0, 255);
        if (!(ValueRange.Max > ValueRange.Min))
        {
            throw new ArgumentException($"Invalid valueRange ({ValueRange.Min}, {ValueRange.Max}); expected min < max.", nameof(valueRange));
        }
    }

    /// <summary>Gets the lower offset, as a fraction of the range.</summary>
    public double Lower { get; }

    /// <summary>Gets the upper offset, as a fraction of the range.</summary>
    public double Upper { get; }

    /// <summary>Gets the pixel range.</summary>
    public (double Min, double Max) ValueRange { get; }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer.</param>
    /// <returns>The layer, not yet built.</returns>
    public static RandomBrightness FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(RandomBrightness));
        (double, double)? valueRange = null;
        if (reader.Has("value_range"))
        {
            var range = reader.GetNumbers("value_range");
            valueRange = range.Length == 2 ? (range[0], range[1]) : throw reader.Invalid("value_range", config["value_range"], "a [min, max] pair");
        }

        return new RandomBrightness(reader.GetNumbers("factor"), valueRange, reader.GetOptionalInt("seed"), reader.GetName());
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["factor"] = new JsonArray(Lower, Upper);
        config["value_range"] = new JsonArray(ValueRange.Min, ValueRange.Max);
        return config;
    }

    private protected override Tensor Augment(Tensor x)
    {
        var width = ValueRange.Max - ValueRange.Min;
        var offset = Uniform([x.shape[0], 1, 1, 1], Lower * width, Upper * width, x.device);
        return ScalarOps.Clamp(x + offset, ValueRange.Min, ValueRange.Max);
    }
}
