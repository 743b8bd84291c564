using KerasClassifier.Keras.Layers;

namespace KerasClassifier.Keras.Saving.KerasV3;

/// <summary>
/// Names the weight groups of a Keras 3 file as Keras does: the snake_case class name, with a
/// counter per class within one container (<c>dense</c>, <c>dense_1</c>...), never the layer name.
/// </summary>
internal static class LayerKeys
{
    /// <summary>Pairs each layer with its group key, in order.</summary>
    /// <param name="layers">The container's layers in Keras's order.</param>
    /// <returns>The layers with their keys.</returns>
    public static IReadOnlyList<(Layer Layer, string Key)> Assign(IEnumerable<Layer> layers)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<(Layer, string)>();
        foreach (var layer in layers)
        {
            var baseKey = Layer.ToSnakeCase(layer.ClassName);
            counts.TryGetValue(baseKey, out var seen);
            counts[baseKey] = seen + 1;
            result.Add((layer, seen == 0 ? baseKey : $"{baseKey}_{seen}"));
        }

        return result;
    }
}
