using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Flattens each example to one axis in channels_last order, as Keras's <c>Flatten</c>.</summary>
/// <remarks>
/// Features come out in (height, width, channels) order, so a following Dense kernel has the same
/// rows as in Keras and weights move between the two unchanged.
/// </remarks>
public sealed class Flatten : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Flatten"/> class.</summary>
    /// <param name="name">The layer name.</param>
    public Flatten(string? name = null)
        : base(name)
    {
    }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer, Keras 2 keys converted.</param>
    /// <returns>The layer, not yet built.</returns>
    public static Flatten FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(Flatten));
        reader.RequireChannelsLast();
        return new Flatten(reader.GetName());
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        int? size = 1;
        for (var i = 1; i < inputShape.Rank; i++)
        {
            size = size is null || inputShape[i] is null ? null : size * inputShape[i];
        }

        return new Shape(inputShape[0], size);
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = "channels_last";
        return config;
    }

    internal override Tensor Call(Tensor x, bool training) => TensorLayout.ToChannelsLast(x).flatten(1);
}
