using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// Crops the centre of each image to a fixed size, as Keras's <c>CenterCrop</c>; an input smaller than
/// the target is first resized up to cover it while keeping its aspect ratio.
/// </summary>
public sealed class CenterCrop : Layer
{
    /// <summary>Initializes a new instance of the <see cref="CenterCrop"/> class.</summary>
    /// <param name="height">The output height; positive.</param>
    /// <param name="width">The output width; positive.</param>
    /// <param name="name">The layer name.</param>
    public CenterCrop(int height, int width, string? name = null)
        : base(name, trainable: false)
    {
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"({height}, {width})", "Invalid CenterCrop size; expected a positive height and width.");
        }

        Height = height;
        Width = width;
    }

    /// <summary>Gets the output height.</summary>
    public int Height { get; }

    /// <summary>Gets the output width.</summary>
    public int Width { get; }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape[0], Height, Width, inputShape[-1]);

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer.</param>
    /// <returns>The layer, not yet built.</returns>
    public static CenterCrop FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(CenterCrop));
        reader.RequireChannelsLast();
        return new CenterCrop(reader.GetInt("height"), reader.GetInt("width"), reader.GetName());
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["height"] = Height;
        config["width"] = Width;
        config["data_format"] = "channels_last";
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) => RequireRank(inputShape, 4);

    internal override Tensor Call(Tensor x, bool training) => Crop(x, Height, Width);

    /// <summary>Crops the centre of an NCHW batch, resizing up first when it is smaller than the target.</summary>
    internal static Tensor Crop(Tensor x, int height, int width)
    {
        var inputHeight = x.shape[2];
        var inputWidth = x.shape[3];
        if (inputHeight < height || inputWidth < width)
        {
            var scale = Math.Max(height / (double)inputHeight, width / (double)inputWidth);
            x = Resizing.Resize(x, (int)Math.Ceiling(inputHeight * scale), (int)Math.Ceiling(inputWidth * scale), "bilinear");
        }

        var top = (x.shape[2] - height) / 2;
        var left = (x.shape[3] - width) / 2;
        return x.narrow(2, top, height).narrow(3, left, width);
    }
}
