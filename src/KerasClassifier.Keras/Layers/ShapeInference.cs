using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Finds output shapes by running a built layer once on zeros, for layers that do not compute them directly.</summary>
internal static class ShapeInference
{
    /// <summary>Runs <paramref name="layer"/> in inference mode on a batch of one zero example per input.</summary>
    /// <returns>One shape per output, with an unknown batch axis.</returns>
    /// <exception cref="InvalidOperationException">An input axis after the batch axis is unknown, so no example can be made.</exception>
    public static IReadOnlyList<Shape> InferOutputShapes(Layer layer, IReadOnlyList<Shape> inputShapes)
    {
        foreach (var shape in inputShapes)
        {
            for (var axis = 1; axis < shape.Rank; axis++)
            {
                if (shape[axis] is null)
                {
                    throw new InvalidOperationException(
                        $"Layer \"{layer.Name}\" ({layer.ClassName}) cannot infer its output shape for input shape {shape}, which has an unknown axis {axis}; override ComputeOutputShape.");
                }
            }
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var inputs = inputShapes
            .Select(s => TensorLayout.FromChannelsLast(zeros([1L, .. s.Dims.Skip(1).Select(d => (long)d!.Value)], device: KerasBackend.Device)))
            .ToArray();
        var outputs = layer.CallList(inputs, training: false);
        return outputs
            .Select(o => TensorLayout.ToChannelsLast(o).shape)
            .Select(dims => new Shape([null, .. dims.Skip(1).Select(d => (int?)(int)d)]))
            .ToArray();
    }
}
