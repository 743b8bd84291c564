using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras;

/// <summary>Entry points of the functional API, as Python's <c>keras.Input</c>.</summary>
/// <example>
/// <code>
/// var inputs = Keras.Input([32], name: "features");
/// var hidden = new Dense(64, activation: "relu").Apply(inputs);
/// var outputs = new Dense(3, activation: "softmax").Apply(hidden);
/// var model = new Functional(inputs, outputs);
/// </code>
/// </example>
public static class Keras
{
    /// <summary>Creates a symbolic model input, as Keras's <c>keras.Input(shape, name)</c>.</summary>
    /// <param name="shape">The per-example shape, batch axis left out, e.g. <c>[28, 28, 1]</c>.</param>
    /// <param name="name">The input name (default <c>input_layer</c>, made unique).</param>
    /// <returns>The symbolic tensor of a new <see cref="InputLayer"/>, with shape <c>(None, ...shape)</c>.</returns>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public static KerasTensor Input(int[] shape, string? name = null) => new InputLayer(shape, name).Output;

    /// <summary>Creates a symbolic model input whose axes may have unknown sizes.</summary>
    /// <param name="shape">The per-example shape; null marks an axis of any size, e.g. <c>[null, null, 3]</c>.</param>
    /// <param name="name">The input name (default <c>input_layer</c>, made unique).</param>
    /// <returns>The symbolic tensor of a new <see cref="InputLayer"/>.</returns>
    public static KerasTensor Input(int?[] shape, string? name = null) => new InputLayer(shape, name).Output;
}
