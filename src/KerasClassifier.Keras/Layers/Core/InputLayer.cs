using System.Text.Json.Nodes;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>The entry point of a model: declares the per-example input shape, as Keras's <c>InputLayer</c>.</summary>
/// <remarks>
/// Its <see cref="Output"/> is the symbolic tensor that functional models start from;
/// <see cref="Keras.Input(int[], string?)"/> creates the layer and returns that tensor.
/// </remarks>
public sealed class InputLayer : Layer
{
    /// <summary>Initializes a new instance of the <see cref="InputLayer"/> class.</summary>
    /// <param name="shape">The per-example shape, batch axis left out, e.g. <c>[28, 28, 1]</c>.</param>
    /// <param name="name">The layer name (default <c>input_layer</c>, made unique).</param>
    public InputLayer(int[] shape, string? name = null)
        : this(ToNullable(shape), name)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InputLayer"/> class with axes of unknown size.</summary>
    /// <param name="shape">The per-example shape, batch axis left out; null marks an axis of any size, e.g. <c>[null, null, 3]</c>.</param>
    /// <param name="name">The layer name (default <c>input_layer</c>, made unique).</param>
    public InputLayer(int?[] shape, string? name = null)
        : base(name ?? Backend.KerasBackend.UniqueName("input_layer"), trainable: true)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
        {
            throw new ArgumentException(
                $"Invalid input shape ({string.Join(", ", shape.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None"))}); expected positive sizes or null, batch axis left out.",
                nameof(shape));
        }

        BatchShape = new Shape([null, .. shape]);
        Build(BatchShape);
        Output = new KerasTensor(BatchShape, Name);
        var nodeIndex = AddInboundNode(new Node(this, [], inputsAsList: false, [Output]));
        Output.SetHistory(this, nodeIndex, 0);
    }

    /// <summary>Creates the input layer from its Keras config (<c>batch_shape</c>, or Keras 2's <c>batch_input_shape</c>).</summary>
    /// <param name="config">The <c>config</c> object of a saved input layer.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="NotSupportedException">The input is sparse or ragged.</exception>
    public static InputLayer FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(InputLayer));
        if (reader.GetBool("sparse", false) || reader.GetBool("ragged", false))
        {
            throw new NotSupportedException($"Input layer '{reader.GetName()}' takes sparse or ragged tensors, which are not supported.");
        }

        var key = reader.Has("batch_shape") ? "batch_shape" : "batch_input_shape";
        var batchShape = reader.GetShape(key);
        if (batchShape.Length < 2)
        {
            throw reader.Invalid(key, config[key], "the batch axis followed by at least one more axis");
        }

        return new InputLayer(batchShape[1..], reader.GetName());
    }

    /// <summary>Gets the input shape with the batch axis (<c>null</c>) first.</summary>
    public Shape BatchShape { get; }

    /// <summary>Gets the symbolic tensor this layer feeds into a functional model.</summary>
    public KerasTensor Output { get; }

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

    private static int?[] ToNullable(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.Select(d => (int?)d).ToArray();
    }
}
