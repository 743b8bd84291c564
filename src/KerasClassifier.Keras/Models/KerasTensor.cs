using System.Globalization;
using KerasClassifier.Keras.Layers;

namespace KerasClassifier.Keras.Models;

/// <summary>
/// A symbolic tensor: a shape and the layer call that produces it, as Keras's <c>KerasTensor</c>.
/// Layers applied to symbolic tensors record a graph that <see cref="Functional"/> turns into a model.
/// </summary>
/// <example>
/// <code>
/// var inputs = Keras.Input([28, 28, 1]);
/// var x = new Conv2D(32, 3, activation: "relu").Apply(inputs);
/// var outputs = new Dense(10, activation: "softmax").Apply(new Flatten().Apply(x));
/// var model = new Functional(inputs, outputs);
/// </code>
/// </example>
public sealed class KerasTensor
{
    private static long counter;

    internal KerasTensor(Shape shape, string? name = null)
    {
        Shape = shape;
        Name = name ?? "keras_tensor" + NextSuffix();
    }

    /// <summary>Gets the shape, batch axis (<c>None</c>) first, channels_last.</summary>
    public Shape Shape { get; }

    /// <summary>Gets the element type; always <c>float32</c> in this library.</summary>
    public string DType => "float32";

    /// <summary>Gets the tensor name: the input layer's name for model inputs, else <c>keras_tensor_N</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the layer whose call produced this tensor.</summary>
    public Layer Layer { get; private set; } = null!;

    /// <summary>Gets the index of that call in <see cref="Layer.InboundNodes"/>.</summary>
    public int NodeIndex { get; private set; }

    /// <summary>Gets which of the call's outputs this tensor is (0 unless the layer has several outputs).</summary>
    public int TensorIndex { get; private set; }

    /// <summary>Gets the node (layer call) that produced this tensor.</summary>
    public Node Node => Layer.InboundNodes[NodeIndex];

    /// <inheritdoc/>
    public override string ToString() => $"<KerasTensor shape={Shape}, dtype={DType}, name={Name}>";

    /// <summary>Records the call that produced this tensor, as Keras's <c>_keras_history</c>.</summary>
    internal void SetHistory(Layer layer, int nodeIndex, int tensorIndex)
    {
        Layer = layer;
        NodeIndex = nodeIndex;
        TensorIndex = tensorIndex;
    }

    private static string NextSuffix()
    {
        var value = Interlocked.Increment(ref counter) - 1;
        return value == 0 ? string.Empty : "_" + value.ToString(CultureInfo.InvariantCulture);
    }
}
