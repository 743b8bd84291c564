using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>Copies weights read from a SavedModel into a model's variables, checking counts and shapes first.</summary>
internal static class SavedWeightAssigner
{
    /// <summary>Assigns each saved layer's weights to the model layer of the same name.</summary>
    /// <returns>The saved tensor assigned to each model variable.</returns>
    /// <exception cref="InvalidOperationException">A layer is missing on either side, or a weight count or shape differs.</exception>
    public static Dictionary<KerasVariable, SavedTensor> AssignByName(Model model, SavedModelContents contents)
    {
        var savedByName = contents.Layers.Where(l => l.Weights.Count > 0).ToDictionary(l => l.Name, StringComparer.Ordinal);
        var modelLayers = model.Layers.Where(l => l.Weights.Count > 0).ToList();

        var missing = savedByName.Keys.Where(name => modelLayers.All(l => l.Name != name)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The model rebuilt from '{contents.Folder}' has no layer with weights named '{missing[0]}', which the SavedModel contains weights for; model layers with weights: {Names(modelLayers)}.");
        }

        var pairs = new List<(Layer, SavedLayerWeights)>();
        foreach (var layer in modelLayers)
        {
            if (!savedByName.TryGetValue(layer.Name, out var saved))
            {
                throw new InvalidOperationException(
                    $"SavedModel '{contents.Folder}' contains no weights for layer '{layer.Name}' ({layer.ClassName}) of the rebuilt model; saved layers with weights: {string.Join(", ", savedByName.Keys)}.");
            }

            pairs.Add((layer, saved));
        }

        return Assign(pairs, contents.Folder);
    }

    /// <summary>Assigns the saved layers that have weights, in order, to the model's layers that have weights, in order.</summary>
    /// <returns>The saved tensor assigned to each model variable.</returns>
    /// <exception cref="ArgumentException">The numbers of layers with weights differ, or a weight count or shape differs.</exception>
    public static Dictionary<KerasVariable, SavedTensor> AssignByOrder(Model model, SavedModelContents contents)
    {
        var saved = contents.Layers.Where(l => l.Weights.Count > 0).ToList();
        var modelLayers = model.Layers.Where(l => l.Weights.Count > 0).ToList();
        if (saved.Count != modelLayers.Count)
        {
            throw new ArgumentException(
                $"Model '{model.Name}' has {modelLayers.Count} layers with weights ({Names(modelLayers)}) but SavedModel '{contents.Folder}' has {saved.Count} ({string.Join(", ", saved.Select(l => l.Name))}).",
                nameof(model));
        }

        try
        {
            return Assign(modelLayers.Zip(saved).ToList(), contents.Folder);
        }
        catch (InvalidOperationException exception)
        {
            throw new ArgumentException(exception.Message, nameof(model), exception);
        }
    }

    // Checks every pair before writing any value, so that a mismatch leaves the model unchanged.
    private static Dictionary<KerasVariable, SavedTensor> Assign(List<(Layer Layer, SavedLayerWeights Saved)> pairs, string folder)
    {
        foreach (var (layer, saved) in pairs)
        {
            CheckLayer(layer, saved, folder);
        }

        var assigned = new Dictionary<KerasVariable, SavedTensor>();
        foreach (var (layer, saved) in pairs)
        {
            foreach (var (variable, tensor) in layer.Weights.Zip(saved.Weights))
            {
                if (variable.DType == "int64")
                {
                    variable.SetInt64Value(tensor.ToInt64Array());
                }
                else
                {
                    variable.SetValue(tensor.ToFloat32Array());
                }

                assigned[variable] = tensor;
            }
        }

        return assigned;
    }

    private static void CheckLayer(Layer layer, SavedLayerWeights saved, string folder)
    {
        if (layer.Weights.Count != saved.Weights.Count)
        {
            throw new InvalidOperationException(
                $"Layer '{layer.Name}' ({layer.ClassName}) has {layer.Weights.Count} weights ({string.Join(", ", layer.Weights.Select(w => w.Name))}) but saved layer '{saved.Name}' in '{folder}' has {saved.Weights.Count} ({string.Join(", ", saved.Weights.Select(w => w.Name))}).");
        }

        foreach (var (variable, tensor) in layer.Weights.Zip(saved.Weights))
        {
            if (!variable.Shape.SequenceEqual(tensor.Shape))
            {
                throw new InvalidOperationException(
                    $"Weight '{variable.Path}' has shape {KerasVariable.FormatShape(variable.Shape)} but saved weight '{saved.Name}/{tensor.Name}' in '{folder}' has shape {KerasVariable.FormatShape(tensor.Shape)}.");
            }

            var isFloat = tensor.DType is "float32" or "float16" or "bfloat16" or "float64";
            if (isFloat != (variable.DType == "float32"))
            {
                throw new InvalidOperationException(
                    $"Weight '{variable.Path}' is {variable.DType} but saved weight '{saved.Name}/{tensor.Name}' in '{folder}' is {tensor.DType}.");
            }
        }
    }

    private static string Names(IEnumerable<Layer> layers) => string.Join(", ", layers.Select(l => l.Name));
}
