using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.Hdf5;
using PureHDF;

namespace KerasClassifier.Keras.Saving.LegacyH5;

/// <summary>
/// Reads the legacy <c>model_weights</c> layout (or the weights-only file that has it at the root)
/// and pairs it with a model by Keras's default rule: the layers with weights, in order, each
/// layer's arrays located through its <c>weight_names</c>.
/// </summary>
internal static class LegacyWeightsReader
{
    /// <summary>Reads and checks every layer's arrays against the model's variables, assigning nothing.</summary>
    /// <param name="group">The group with <c>layer_names</c>.</param>
    /// <param name="groupPath">Its HDF5 path, for messages.</param>
    /// <param name="model">The model, built.</param>
    /// <param name="location">The file, for messages.</param>
    /// <param name="channelsFirstFlatten">Whether Dense kernels after a Flatten hold rows in (channels, height, width) order, as Keras 2.1.5 and older wrote for channels_first models.</param>
    /// <returns>The values to assign.</returns>
    public static IReadOnlyList<PendingValue> Read(IH5Group group, string groupPath, Model model, FileLocation location, bool channelsFirstFlatten)
    {
        groupPath = groupPath.TrimEnd('/');
        var fileLayers = ReadLayers(group, groupPath, location);

        var modelLayers = model.SavedLayers.Where(l => VariableOrder.Legacy(l).Count > 0).ToArray();
        if (fileLayers.Count != modelLayers.Length)
        {
            throw location.Invalid(
                groupPath + "/",
                $"the file contains weights for {fileLayers.Count} layer(s) ({string.Join(", ", fileLayers.Select(l => l.Name))}), "
                + $"but model '{model.Name}' has {modelLayers.Length} layer(s) with weights ({string.Join(", ", modelLayers.Select(l => l.Name))}).");
        }

        var pending = new List<PendingValue>();
        for (var i = 0; i < modelLayers.Length; i++)
        {
            var layer = modelLayers[i];
            var (fileName, layerGroup, _, weightNames) = fileLayers[i];
            var variables = VariableOrder.Legacy(layer);
            if (variables.Count != weightNames.Count)
            {
                throw location.Invalid(
                    $"{groupPath}/{fileName}",
                    $"layer '{layer.Name}' ({layer.ClassName}) has {variables.Count} weight(s) ({string.Join(", ", variables.Select(v => v.Name))}), "
                    + $"but the file's layer '{fileName}' lists {weightNames.Count} ({string.Join(", ", weightNames)}).");
            }

            var flattenInput = channelsFirstFlatten && layer is Dense ? FlattenInputBefore(model, layer) : null;
            for (var j = 0; j < variables.Count; j++)
            {
                var path = $"{groupPath}/{fileName}/{weightNames[j]}";
                var dataset = FindDataset(layerGroup, weightNames[j])
                    ?? throw location.Invalid(path, $"weight_names of layer '{fileName}' lists this dataset, but it is missing.");
                var stored = Hdf5Reading.ReadArray(dataset, path, location);
                if (flattenInput is not null && variables[j].Name == "kernel")
                {
                    stored = ChannelsFirstRows.ToChannelsLast(stored, flattenInput, location);
                }

                pending.Add(new PendingValue(variables[j], stored, $"layer '{layer.Name}'"));
            }
        }

        pending.AddRange(ReadTopLevel(group, groupPath, model, location));
        foreach (var value in pending)
        {
            value.CheckShape(location);
        }

        return pending;
    }

    /// <summary>Reads the layers of a weights group that list weights, in <c>layer_names</c> order.</summary>
    /// <param name="group">The group with <c>layer_names</c>.</param>
    /// <param name="groupPath">Its HDF5 path without a trailing slash (empty for the root), for messages.</param>
    /// <param name="location">The file, for messages.</param>
    /// <returns>The layers; weightless ones are left out.</returns>
    /// <exception cref="InvalidDataException">The attribute or a listed layer group is missing.</exception>
    public static IReadOnlyList<StoredLayer> ReadLayers(IH5Group group, string groupPath, FileLocation location)
    {
        var layerNames = Hdf5Reading.ReadStringList(group, groupPath + "/", "layer_names", location)
            ?? throw location.Invalid(groupPath + "/", "the layer_names attribute is missing, so this is not a Keras weights group.");

        var fileLayers = new List<StoredLayer>();
        foreach (var name in layerNames)
        {
            var layerGroup = Hdf5Reading.FindGroup(group, name)
                ?? throw location.Invalid($"{groupPath}/{name}", "layer_names lists this layer, but its group is missing.");
            var weightNames = Hdf5Reading.ReadStringList(layerGroup, $"{groupPath}/{name}", "weight_names", location) ?? [];
            if (weightNames.Count > 0)
            {
                fileLayers.Add(new StoredLayer(name, layerGroup, $"{groupPath}/{name}", weightNames));
            }
        }

        return fileLayers;
    }

    /// <summary>Reads the variables the model owns directly from <c>top_level_model_weights</c> (Keras 2.7 and later write it, usually empty).</summary>
    private static IEnumerable<PendingValue> ReadTopLevel(IH5Group group, string groupPath, Model model, FileLocation location)
    {
        var expected = VariableOrder.Keras3(model);
        var topPath = $"{groupPath}/top_level_model_weights";
        var topGroup = Hdf5Reading.FindGroup(group, "top_level_model_weights");
        var names = topGroup is null ? [] : Hdf5Reading.ReadStringList(topGroup, topPath, "weight_names", location) ?? [];
        if (names.Count != expected.Count)
        {
            throw location.Invalid(
                topPath,
                $"model '{model.Name}' owns {expected.Count} variable(s) outside its layers, but the file lists {names.Count}.");
        }

        for (var i = 0; i < names.Count; i++)
        {
            var path = $"{topPath}/{names[i]}";
            var dataset = FindDataset(topGroup!, names[i]) ?? throw location.Invalid(path, "weight_names lists this dataset, but it is missing.");
            yield return new PendingValue(expected[i], Hdf5Reading.ReadArray(dataset, path, location), $"model '{model.Name}'");
        }
    }

    /// <summary>Finds a dataset by a <c>weight_names</c> entry, which may contain slashes; null when it is missing or not a dataset.</summary>
    public static IH5Dataset? FindDataset(IH5Group group, string path)
    {
        try
        {
            return group.LinkExists(path) ? group.Get(path) as IH5Dataset : null;
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Returns the input shape of the Flatten that feeds a Dense layer directly or through weightless, shape-keeping layers.</summary>
    private static Shape? FlattenInputBefore(Model model, Layer dense)
    {
        var layers = model.SavedLayers;
        for (var i = IndexOf(layers, dense) - 1; i >= 0; i--)
        {
            switch (layers[i])
            {
                case Flatten flatten:
                    return flatten.BuiltInputShape is { Rank: 4 } shape ? shape : null;
                case Dropout or Activation or ReLU:
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    private static int IndexOf(IReadOnlyList<Layer> layers, Layer layer)
    {
        for (var i = 0; i < layers.Count; i++)
        {
            if (ReferenceEquals(layers[i], layer))
            {
                return i;
            }
        }

        return -1;
    }
}
