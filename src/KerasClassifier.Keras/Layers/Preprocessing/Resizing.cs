using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Resizes images to a fixed size in training and inference, as Keras's <c>Resizing</c>.</summary>
public sealed class Resizing : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Resizing"/> class.</summary>
    /// <param name="height">The output height; positive.</param>
    /// <param name="width">The output width; positive.</param>
    /// <param name="interpolation"><c>bilinear</c> (default), <c>nearest</c> or <c>bicubic</c>.</param>
    /// <param name="cropToAspectRatio">Whether to crop the largest centred window of the target aspect ratio first (default false).</param>
    /// <param name="name">The layer name.</param>
    public Resizing(int height, int width, string interpolation = "bilinear", bool cropToAspectRatio = false, string? name = null)
        : base(name, trainable: false)
    {
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"({height}, {width})", "Invalid Resizing size; expected a positive height and width.");
        }

        if (interpolation is not ("bilinear" or "nearest" or "bicubic"))
        {
            throw new ArgumentException($"Invalid interpolation '{interpolation}' for Resizing; expected bilinear, nearest or bicubic.", nameof(interpolation));
        }

        Height = height;
        Width = width;
        Interpolation = interpolation;
        CropToAspectRatio = cropToAspectRatio;
    }

    /// <summary>Gets the output height.</summary>
    public int Height { get; }

    /// <summary>Gets the output width.</summary>
    public int Width { get; }

    /// <summary>Gets the interpolation.</summary>
    public string Interpolation { get; }

    /// <summary>Gets a value indicating whether the input is cropped to the target aspect ratio first.</summary>
    public bool CropToAspectRatio { get; }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape[0], Height, Width, inputShape[-1]);

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer.</param>
    /// <returns>The layer, not yet built.</returns>
    public static Resizing FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(Resizing));
        reader.RequireChannelsLast();
        if (reader.GetBool("pad_to_aspect_ratio", false))
        {
            throw new NotSupportedException($"Layer '{reader.GetName()}' (Resizing) sets pad_to_aspect_ratio, which is not supported.");
        }

        return new Resizing(
            reader.GetInt("height"),
            reader.GetInt("width"),
            reader.GetOptionalString("interpolation") ?? "bilinear",
            reader.GetBool("crop_to_aspect_ratio", false),
            reader.GetName());
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["height"] = Height;
        config["width"] = Width;
        config["interpolation"] = Interpolation;
        config["crop_to_aspect_ratio"] = CropToAspectRatio;
        config["pad_to_aspect_ratio"] = false;
        config["fill_mode"] = "constant";
        config["fill_value"] = 0.0;
        config["data_format"] = "channels_last";
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) => RequireRank(inputShape, 4);

    internal override Tensor Call(Tensor x, bool training)
    {
        if (CropToAspectRatio)
        {
            x = CropToRatio(x, Height / (double)Width);
        }

        return Resize(x, Height, Width, Interpolation);
    }

    /// <summary>Resizes an NCHW batch with half-pixel centres, as TensorFlow's resize does by default.</summary>
    internal static Tensor Resize(Tensor x, int height, int width, string interpolation)
    {
        if (x.shape[2] == height && x.shape[3] == width)
        {
            return x;
        }

        var mode = interpolation switch
        {
            "nearest" => InterpolationMode.Nearest,
            "bicubic" => InterpolationMode.Bicubic,
            _ => InterpolationMode.Bilinear,
        };
        bool? alignCorners = mode == InterpolationMode.Nearest ? null : false;
        return F.interpolate(x, [height, width], mode: mode, align_corners: alignCorners);
    }

    /// <summary>Crops the largest centred window whose height/width ratio is <paramref name="ratio"/>.</summary>
    internal static Tensor CropToRatio(Tensor x, double ratio)
    {
        var height = x.shape[2];
        var width = x.shape[3];
        var cropHeight = Math.Min(height, (long)Math.Round(width * ratio));
        var cropWidth = Math.Min(width, (long)Math.Round(height / ratio));
        var top = (height - cropHeight) / 2;
        var left = (width - cropWidth) / 2;
        return x.narrow(2, top, cropHeight).narrow(3, left, cropWidth);
    }
}
