using System.Text.Json.Nodes;
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
