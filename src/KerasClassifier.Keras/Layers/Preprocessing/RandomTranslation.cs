using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Saving.Serialization;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Shifts each image by a random fraction of its size during training, as Keras's <c>RandomTranslation</c>.</summary>
public sealed class RandomTranslation : RandomLayer
{
    private readonly GridSampleMode mode;
    private readonly GridSamplePaddingMode padding;

    /// <summary>Initializes a new instance of the <see cref="RandomTranslation"/> class.</summary>
    /// <param name="heightFactor">f shifts by [-f, f] of the height; a pair gives [low, high]; each within [-1, 1].</param>
    /// <param name="widthFactor">The same for the width.</param>
    /// <param name="fillMode"><c>reflect</c> (default), <c>nearest</c> or <c>constant</c>.</param>
    /// <param name="interpolation"><c>bilinear</c> (default) or <c>nearest</c>.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="name">The layer name.</param>
    public RandomTranslation(double[] heightFactor, double[] widthFactor, string fillMode = "reflect", string interpolation = "bilinear", int? seed = null, string? name = null)
        : base(seed, name)
    {
        HeightRange = ParseFactor(heightFactor, nameof(heightFactor), limit: 1);
        WidthRange = ParseFactor(widthFactor, nameof(widthFactor), limit: 1);
        padding = AffineSampler.ParseFillMode(fillMode);
        mode = AffineSampler.ParseInterpolation(interpolation);
        FillMode = fillMode;
        Interpolation = interpolation;
    }

    /// <summary>Gets the vertical shift range, as fractions of the height.</summary>
    public (double Low, double High) HeightRange { get; }

    /// <summary>Gets the horizontal shift range, as fractions of the width.</summary>
    public (double Low, double High) WidthRange { get; }

    /// <summary>Gets the fill mode.</summary>
    public string FillMode { get; }

    /// <summary>Gets the interpolation.</summary>
    public string Interpolation { get; }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer.</param>
    /// <returns>The layer, not yet built.</returns>
    public static RandomTranslation FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(RandomTranslation));
        reader.RequireChannelsLast();
        return new RandomTranslation(
            reader.GetNumbers("height_factor"),
            reader.GetNumbers("width_factor"),
            reader.GetOptionalString("fill_mode") ?? "reflect",
            reader.GetOptionalString("interpolation") ?? "bilinear",
            reader.GetOptionalInt("seed"),
            reader.GetName());
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["height_factor"] = new JsonArray(HeightRange.Low, HeightRange.High);
        config["width_factor"] = new JsonArray(WidthRange.Low, WidthRange.High);
        config["fill_mode"] = FillMode;
        config["interpolation"] = Interpolation;
        config["fill_value"] = 0.0;
        config["data_format"] = "channels_last";
        return config;
    }

    private protected override Tensor Augment(Tensor x)
    {
        var batch = x.shape[0];

        // The image spans 2 in normalised coordinates, so a shift of f of its size moves the grid by 2f.
        var shiftY = ScalarOps.Multiply(Uniform([batch], HeightRange.Low, HeightRange.High, x.device), -2);
        var shiftX = ScalarOps.Multiply(Uniform([batch], WidthRange.Low, WidthRange.High, x.device), -2);
        var one = ones_like(shiftY);
        var zero = zeros_like(shiftY);
        var theta = stack([one, zero, shiftX, zero, one, shiftY], 1).reshape(batch, 2, 3);
        return AffineSampler.Apply(x, theta, mode, padding);
    }
}
