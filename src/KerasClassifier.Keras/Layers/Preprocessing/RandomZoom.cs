using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Zooms each image in or out by a random factor during training, as Keras's <c>RandomZoom</c>.</summary>
/// <remarks>A positive factor zooms out (the content shrinks) and a negative one zooms in, as in Keras.</remarks>
public sealed class RandomZoom : RandomLayer
{
    private readonly GridSampleMode mode;
    private readonly GridSamplePaddingMode padding;

    /// <summary>Initializes a new instance of the <see cref="RandomZoom"/> class.</summary>
    /// <param name="heightFactor">f gives zoom 1 + [-f, f] vertically; a pair gives 1 + [low, high]. Values above -1.</param>
    /// <param name="widthFactor">The same horizontally; null keeps the aspect ratio by reusing the vertical zoom.</param>
    /// <param name="fillMode"><c>reflect</c> (default), <c>nearest</c> or <c>constant</c>.</param>
    /// <param name="interpolation"><c>bilinear</c> (default) or <c>nearest</c>.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="name">The layer name.</param>
    public RandomZoom(double[] heightFactor, double[]? widthFactor = null, string fillMode = "reflect", string interpolation = "bilinear", int? seed = null, string? name = null)
        : base(seed, name)
    {
        HeightRange = ParseFactor(heightFactor, nameof(heightFactor));
        WidthRange = widthFactor is null ? null : ParseFactor(widthFactor, nameof(widthFactor));
        if (HeightRange.Low <= -1 || WidthRange is { Low: <= -1 })
        {
            throw new ArgumentOutOfRangeException(nameof(heightFactor), "Invalid zoom factor; every value must be above -1.");
        }

        padding = AffineSampler.ParseFillMode(fillMode);
        mode = AffineSampler.ParseInterpolation(interpolation);
        FillMode = fillMode;
        Interpolation = interpolation;
    }

    /// <summary>Gets the vertical zoom range.</summary>
    public (double Low, double High) HeightRange { get; }

    /// <summary>Gets the horizontal zoom range, or null to keep the aspect ratio.</summary>
    public (double Low, double High)? WidthRange { get; }

    /// <summary>Gets the fill mode.</summary>
    public string FillMode { get; }

    /// <summary>Gets the interpolation.</summary>
    public string Interpolation { get; }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer.</param>
    /// <returns>The layer, not yet built.</returns>
    public static RandomZoom FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(RandomZoom));
        reader.RequireChannelsLast();
        return new RandomZoom(
            reader.GetNumbers("height_factor"),
            reader.Has("width_factor") ? reader.GetNumbers("width_factor") : null,
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
        config["width_factor"] = WidthRange is { } w ? new JsonArray(w.Low, w.High) : null;
        config["fill_mode"] = FillMode;
        config["interpolation"] = Interpolation;
        config["fill_value"] = 0.0;
        config["data_format"] = "channels_last";
        return config;
    }

    private protected override Tensor Augment(Tensor x)
    {
        var batch = x.shape[0];
        var zoomY = Uniform([batch], 1 + HeightRange.Low, 1 + HeightRange.High, x.device);
        var zoomX = WidthRange is { } w ? Uniform([batch], 1 + w.Low, 1 + w.High, x.device) : zoomY;
        var zero = zeros_like(zoomY);
        var theta = stack([zoomX, zero, zero, zero, zoomY, zero], 1).reshape(batch, 2, 3);
        return AffineSampler.Apply(x, theta, mode, padding);
    }
}
