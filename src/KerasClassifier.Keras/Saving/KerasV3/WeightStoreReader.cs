using System.Globalization;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.Hdf5;
using PureHDF;

namespace KerasClassifier.Keras.Saving.KerasV3;

/// <summary>
/// Reads Keras 3's HDF5 weight layout (see <see cref="WeightStoreWriter"/>) and pairs each stored
/// array with a model variable by Keras's rule: the k-th layer of a class reads the k-th group of
/// that class, whatever the layer names are.
/// </summary>
internal static class WeightStoreReader
{
    /// <summary>Reads and checks every layer's arrays against the model's variables, assigning nothing.</summary>
    /// <param name="root">The file's root group.</param>
    /// <param name="model">The model, built.</param>
    /// <param name="location">The file, for messages.</param>
    /// <returns>The values to assign.</returns>
    /// <exception cref="InvalidDataException">A count or shape differs, or the file contains weights for layers the model lacks.</exception>
    public static IReadOnlyList<PendingValue> ReadLayers(IH5Group root, Model model, FileLocation location)
    {
        // tf-keras 2.13 to 2.15 wrote the layer groups under this name instead of "layers".
        var (container, name) = Hdf5Reading.FindGroup(root, "layers") is { } layers
            ? (layers, "layers")
            : (Hdf5Reading.FindGroup(root, "_layer_checkpoint_dependencies"), "_layer_checkpoint_dependencies");
        var pending = new List<PendingValue>();
        CollectVars(Hdf5Reading.FindGroup(root, "vars"), root.LinkExists("vars"), "/vars", model, location, pending);
        CollectLayers(container, "/" + name, model.SavedLayers, location, pending);
        foreach (var value in pending)
        {
            value.CheckShape(location);
        }

        return pending;
    }

    /// <summary>Reads the optimizer's arrays from <c>/optimizer/vars</c>; null when the file has none.</summary>
    public static StoredOptimizerState? ReadOptimizer(IH5Group root, FileLocation location)
    {
        var optimizer = Hdf5Reading.FindGroup(root, "optimizer");
        var vars = optimizer is null ? null : Hdf5Reading.FindGroup(optimizer, "vars");
        if (vars is null)
        {
            return null;
        }

        var arrays = ReadVars(vars, "/optimizer/vars", location);
        return arrays.Count == 0 ? null : new StoredOptimizerState(arrays, OptimizerSlotLayout.Interleaved, null, "/optimizer/vars");
    }

    /// <summary>Reads the epoch count this library stores as a root attribute; null when absent.</summary>
    public static long? ReadEpochsCompleted(IH5Group root, FileLocation location) =>
        Hdf5Reading.ReadInteger(root, "/", WeightStoreWriter.EpochsAttribute, location);

    private static void CollectLayers(IH5Group? container, string containerPath, IReadOnlyList<Layer> layers, FileLocation location, List<PendingValue> pending)
    {
        var keys = LayerKeys.Assign(layers);
        foreach (var (layer, key) in keys)
        {
            var groupPath = $"{containerPath}/{key}";
            var group = container is null ? null : Hdf5Reading.FindGroup(container, key);
            CollectVars(group is null ? null : Hdf5Reading.FindGroup(group, "vars"), group is not null, groupPath + "/vars", layer, location, pending);
            if (layer is Model nested)
            {
                CollectLayers(group is null ? null : Hdf5Reading.FindGroup(group, "layers"), groupPath + "/layers", nested.SavedLayers, location, pending);
            }
        }

        CheckNoExtraWeights(container, containerPath, keys.Select(k => k.Key).ToHashSet(StringComparer.Ordinal), location);
    }

    /// <summary>Pairs one object's <c>vars</c> group with its variables, checking the count.</summary>
    private static void CollectVars(IH5Group? vars, bool groupExists, string varsPath, Layer layer, FileLocation location, List<PendingValue> pending)
    {
        var stored = vars is null ? [] : ReadVars(vars, varsPath, location);
        var expected = VariableOrder.Keras3(layer);
        if (stored.Count != expected.Count)
        {
            var found = groupExists ? $"the file has {stored.Count}" : "the file has no group for it";
            throw location.Invalid(
                varsPath,
                $"{(layer is Model ? "model" : "layer")} '{layer.Name}' ({layer.ClassName}) has {expected.Count} variable(s) ({string.Join(", ", expected.Select(v => v.Name))}), but {found}.");
        }

        pending.AddRange(expected.Select((variable, i) => new PendingValue(variable, stored[i], $"layer '{layer.Name}'")));
    }

    /// <summary>Rejects groups with arrays that no layer of the model reads, such as the weights of a layer the model lacks.</summary>
    private static void CheckNoExtraWeights(IH5Group? container, string containerPath, HashSet<string> used, FileLocation location)
    {
        if (container is null)
        {
            return;
        }

        foreach (var child in container.Children())
        {
            if (child is IH5Group group && !used.Contains(child.Name) && HoldsDatasets(group))
            {
                throw location.Invalid(
                    $"{containerPath}/{child.Name}",
                    $"the file contains weights for a layer group '{child.Name}' that no layer of the model maps to; the model's layers map to {(used.Count == 0 ? "no groups" : string.Join(", ", used.Order(StringComparer.Ordinal)))}.");
            }
        }
    }

    private static bool HoldsDatasets(IH5Group group) =>
        group.Children().Any(child => child is IH5Dataset || (child is IH5Group inner && HoldsDatasets(inner)));

    /// <summary>Reads the datasets <c>0</c>, <c>1</c>... of a <c>vars</c> group in numeric order (HDF5 lists them as 0, 1, 10, 11, 2...).</summary>
    private static List<StoredArray> ReadVars(IH5Group vars, string varsPath, FileLocation location)
    {
        var datasets = new SortedDictionary<int, IH5Dataset>();
        foreach (var child in vars.Children())
        {
            if (child is IH5Dataset dataset && int.TryParse(child.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                datasets[index] = dataset;
            }
        }

        var arrays = new List<StoredArray>(datasets.Count);
        foreach (var (index, dataset) in datasets)
        {
            if (index != arrays.Count)
            {
                throw location.Invalid($"{varsPath}/{arrays.Count}", $"the dataset is missing; the group has datasets {string.Join(", ", datasets.Keys)}.");
            }

            arrays.Add(Hdf5Reading.ReadArray(dataset, $"{varsPath}/{index}", location));
        }

        return arrays;
    }
}
