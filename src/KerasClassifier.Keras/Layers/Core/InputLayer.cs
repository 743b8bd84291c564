using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>The entry point of a model: declares the per-example input shape, as Keras's <c>InputLayer</c>.</summary>
public sealed class InputLayer : Layer
{
    /// <summary>Initializes a new instance of the <see cref="InputLayer"/> class.</summary>
    /// <param name="shape">The per-example shape, batch axis left out, e.g. <c>[28, 28, 1]</c>.</param>
    /// <param name="name">The layer name (default <c>input_layer</c>, made unique).</param>
    public InputLayer(int[] shape, string? name = null)
        : base(name ?? Backend.KerasBackend.UniqueName("input_layer"), trainable: true)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
        {
            throw new ArgumentException($"Invalid input shape ({string.Join(", ", shape)}); expected positive sizes, batch axis left out.", nameof(shape));
        }

        BatchShape = new Shape([null, .. shape.Select(d => (int?)d)]);
        Build(BatchShape);
    }

    /// <summary>Creates the input layer from its Keras config (<c>batch_shape</c>, or Keras 2's <c>batch_input_shape</c>).</summary>
    /// <param name="config">The <c>config</c> object of a saved input layer.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="NotSupportedException">A size other than the batch size is unknown, or the input is sparse or ragged.</exception>
    public static InputLayer FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(InputLayer));
        if (reader.GetBool("sparse", false) || reader.GetBool("ragged", false))
        {
            throw new NotSupportedException($"Input layer '{reader.GetName()}' takes sparse or ragged tensors, which are not supported.");
        }

        var batchShape = reader.Has("batch_shape") ? reader.GetShape("batch_shape") : reader.GetShape("batch_input_shape");
        return new InputLayer(ToExampleShape(batchShape, reader.GetName()), reader.GetName());
    }

    /// <summary>Drops the batch axis of a Keras batch shape, rejecting unknown sizes after it.</summary>
    /// <param name="batchShape">The shape, batch axis first.</param>
    /// <param name="layerName">The layer the shape belongs to, for messages.</param>
    /// <returns>The per-example shape.</returns>
    internal static int[] ToExampleShape(int?[] batchShape, string? layerName)
    {
        if (batchShape.Length < 2 || batchShape.Skip(1).Any(d => d is null))
        {
            var shape = new Shape(batchShape);
            throw new NotSupportedException(
                $"Input layer '{layerName}' has input shape {shape}; this library needs every size except the batch size known.");
        }

        return batchShape.Skip(1).Select(d => d!.Value).ToArray();
    }

    /// <summary>Gets the input shape with the batch axis (<c>null</c>) first.</summary>
    public Shape BatchShape { get; }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig() => new()
    {
        ["batch_shape"] = BatchShape.ToJson(),
        ["dtype"] = "float32",
        ["sparse"] = false,
        ["ragged"] = false,
        ["name"] = Name,
    };

    internal override Tensor Call(Tensor x, bool training) => x;
}
