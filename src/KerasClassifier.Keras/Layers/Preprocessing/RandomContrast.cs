using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// Scales each image's contrast by a random factor during training, as Keras's <c>RandomContrast</c>:
/// <c>(x - mean) * c + mean</c> per channel, clipped to [0, 255].
/// </summary>
public sealed class RandomContrast : RandomLayer
{
    /// <summary>Initializes a new instance of the <see cref="RandomContrast"/> class.</summary>
    /// <param name="factor">f in [0, 1] draws c from [1 - f, 1 + f]; a pair (low, high) draws from [1 - low, 1 + high].</param>
    /// <param name="seed">The seed.</param>
    /// <param name="name">The layer name.</param>
    public RandomContrast(double[] factor, int? seed = null, string? name = null)
        : base(seed, name)
    {
        var (low, high) = factor.Length == 1 ? (factor[0], factor[0]) : ParseFactor(factor, nameof(factor));
        if (low is < 0 or > 1 || high < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), $"({low}, {high})", "Invalid factor for RandomContrast; expected values in [0, 1] for the lower bound and >= 0 for the upper.");
        }

        Lower = low;
        Upper = high;
    }

    /// <summary>Gets how far below 1 the factor can go.</summary>
    public double Lower { get; }

    /// <summary>Gets how far above 1 the factor can go.</summary>
    public double Upper { get; }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer.</param>
    /// <returns>The layer, not yet built.</returns>
    /// <exception cref="NotSupportedException">The config's value_range is not (0, 255).</exception>
    public static RandomContrast FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(RandomContrast));
        if (reader.Has("value_range") && !reader.GetNumbers("value_range").SequenceEqual([0.0, 255.0]))
        {
            throw new NotSupportedException($"Layer '{reader.GetName()}' (RandomContrast) has value_range {config["value_range"]!.ToJsonString()}; only [0, 255] is supported.");
        }

        return new RandomContrast(reader.GetNumbers("factor"), reader.GetOptionalInt("seed"), reader.GetName());
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["factor"] = new JsonArray(Lower, Upper);
        config["value_range"] = new JsonArray(0, 255);
        return config;
    }

    private protected override Tensor Augment(Tensor x)
    {
        var contrast = Uniform([x.shape[0], 1, 1, 1], 1 - Lower, 1 + Upper, x.device);
        var mean = x.mean([2L, 3L], keepdim: true);
        return ScalarOps.Clamp((x - mean) * contrast + mean, 0, 255);
    }
}
