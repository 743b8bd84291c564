using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Flips each image left-right and/or up-down with probability 0.5 during training, as Keras's <c>RandomFlip</c>.</summary>
public sealed class RandomFlip : RandomLayer
{
    /// <summary>Initializes a new instance of the <see cref="RandomFlip"/> class.</summary>
    /// <param name="mode"><c>horizontal</c>, <c>vertical</c> or <c>horizontal_and_vertical</c> (default).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="name">The layer name.</param>
    public RandomFlip(string mode = "horizontal_and_vertical", int? seed = null, string? name = null)
        : base(seed, name)
    {
        if (mode is not ("horizontal" or "vertical" or "horizontal_and_vertical"))
        {
            throw new ArgumentException($"Invalid mode '{mode}' for RandomFlip; expected horizontal, vertical or horizontal_and_vertical.", nameof(mode));
        }

        Mode = mode;
    }

    /// <summary>Gets the flip mode.</summary>
    public string Mode { get; }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer.</param>
    /// <returns>The layer, not yet built.</returns>
    public static RandomFlip FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(RandomFlip));
        return new RandomFlip(reader.GetOptionalString("mode") ?? "horizontal_and_vertical", reader.GetOptionalInt("seed"), reader.GetName());
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["mode"] = Mode;
        return config;
    }

    private protected override Tensor Augment(Tensor x)
    {
        var batch = x.shape[0];
        if (Mode != "vertical")
        {
            var flip = ScalarOps.LessThan(Uniform([batch, 1, 1, 1], 0, 1, x.device), 0.5);
            x = where(flip, x.flip(3), x);
        }

        if (Mode != "horizontal")
        {
            var flip = ScalarOps.LessThan(Uniform([batch, 1, 1, 1], 0, 1, x.device), 0.5);
            x = where(flip, x.flip(2), x);
        }

        return x;
    }
}
