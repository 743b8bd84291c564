using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// Crops a random part of each image and resizes it to a fixed size during training (the
/// "random resized crop" of ImageNet training); in inference it resizes the whole image.
/// </summary>
/// <remarks>
/// Each crop covers a fraction of the image area drawn from <see cref="Scale"/>, with a width to
/// height ratio drawn log-uniformly from <see cref="Ratio"/>, at a random position. The crop and the
/// resize are one bilinear resampling, so no intermediate image is made.
/// </remarks>
public sealed class RandomResizedCrop : RandomLayer
{
    /// <summary>Initializes a new instance of the <see cref="RandomResizedCrop"/> class.</summary>
    /// <param name="height">The output height; positive.</param>
    /// <param name="width">The output width; positive.</param>
    /// <param name="scale">The range of the crop's share of the image area, within (0, 1] (default 0.08 to 1).</param>
    /// <param name="ratio">The range of the crop's width/height ratio (default 3/4 to 4/3).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="name">The layer name.</param>
    public RandomResizedCrop(int height, int width, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null, int? seed = null, string? name = null)
        : base(seed, name)
    {
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"({height}, {width})", "Invalid RandomResizedCrop size; expected a positive height and width.");
        }

        Scale = scale ?? (0.08, 1.0);
        Ratio = ratio ?? (3.0 / 4, 4.0 / 3);
        if (!(Scale.Min > 0) || Scale.Max > 1 || Scale.Min > Scale.Max)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), Scale, "Invalid scale for RandomResizedCrop; expected 0 < min <= max <= 1.");
        }

        if (!(Ratio.Min > 0) || Ratio.Min > Ratio.Max)
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), Ratio, "Invalid ratio for RandomResizedCrop; expected 0 < min <= max.");
        }

        Height = height;
        Width = width;
    }

    /// <summary>Gets the output height.</summary>
    public int Height { get; }

    /// <summary>Gets the output width.</summary>
    public int Width { get; }

    /// <summary>Gets the range of the crop's share of the image area.</summary>
    public (double Min, double Max) Scale { get; }

    /// <summary>Gets the range of the crop's width/height ratio.</summary>
    public (double Min, double Max) Ratio { get; }

    /// <summary>Creates the layer from its saved config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static RandomResizedCrop FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(RandomResizedCrop));
        var scale = reader.GetNumbers("scale");
        var ratio = reader.GetNumbers("ratio");
        return new RandomResizedCrop(
            reader.GetInt("height"), reader.GetInt("width"), (scale[0], scale[1]), (ratio[0], ratio[1]), reader.GetOptionalInt("seed"), reader.GetName());
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape[0], Height, Width, inputShape[-1]);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["height"] = Height;
        config["width"] = Width;
        config["scale"] = new JsonArray(Scale.Min, Scale.Max);
        config["ratio"] = new JsonArray(Ratio.Min, Ratio.Max);
        return config;
    }

    internal override Tensor Call(Tensor x, bool training) => training ? Augment(x) : Resizing.Resize(x, Height, Width, "bilinear");

    private protected override Tensor Augment(Tensor x)
    {
        var batch = x.shape[0];
        var area = Uniform([batch], Scale.Min, Scale.Max, x.device);
        var aspect = Uniform([batch], Math.Log(Ratio.Min), Math.Log(Ratio.Max), x.device).exp();

        // Crop sides as fractions of the image; the image spans 2 in normalised coordinates.
        var cropWidth = (area * aspect).sqrt().clamp_max(1);
        var cropHeight = (area / aspect).sqrt().clamp_max(1);
        var centerX = (Uniform([batch], -1, 1, x.device) * (1 - cropWidth));
        var centerY = (Uniform([batch], -1, 1, x.device) * (1 - cropHeight));
        var zero = zeros_like(area);
        var theta = stack([cropWidth, zero, centerX, zero, cropHeight, centerY], 1).reshape(batch, 2, 3);
        return AffineSampler.Apply(x, theta, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, [Height, Width]);
    }
}
