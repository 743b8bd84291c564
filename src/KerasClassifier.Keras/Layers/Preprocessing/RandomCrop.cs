using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// Crops a random window of a fixed size from each image in training and the centre in inference,
/// as Keras's <c>RandomCrop</c>.
/// </summary>
public sealed class RandomCrop : RandomLayer
{
    /// <summary>Initializes a new instance of the <see cref="RandomCrop"/> class.</summary>
    /// <param name="height">The output height; positive.</param>
    /// <param name="width">The output width; positive.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="name">The layer name.</param>
    public RandomCrop(int height, int width, int? seed = null, string? name = null)
        : base(seed, name)
    {
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"({height}, {width})", "Invalid RandomCrop size; expected a positive height and width.");
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
    public static RandomCrop FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(RandomCrop));
        reader.RequireChannelsLast();
        return new RandomCrop(reader.GetInt("height"), reader.GetInt("width"), reader.GetOptionalInt("seed"), reader.GetName());
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

    internal override Tensor Call(Tensor x, bool training) =>
        training && x.shape[2] >= Height && x.shape[3] >= Width ? Augment(x) : CenterCrop.Crop(x, Height, Width);

    private protected override Tensor Augment(Tensor x)
    {
        // One offset per image: the crops are gathered image by image, which is cheap next to the convolutions.
        var batch = x.shape[0];
        var tops = Uniform([batch], 0, x.shape[2] - Height + 1, CPU).floor().to_type(ScalarType.Int64).data<long>().ToArray();
        var lefts = Uniform([batch], 0, x.shape[3] - Width + 1, CPU).floor().to_type(ScalarType.Int64).data<long>().ToArray();
        var crops = new Tensor[batch];
        for (var i = 0; i < batch; i++)
        {
            crops[i] = x[i].narrow(1, Math.Min(tops[i], x.shape[2] - Height), Height).narrow(2, Math.Min(lefts[i], x.shape[3] - Width), Width);
        }

        return stack(crops);
    }
}
