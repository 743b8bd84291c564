using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.Hdf5;
using PureHDF;

namespace KerasClassifier.Keras.Saving.KerasV3;

/// <summary>
/// Writes a model's variables in Keras 3's HDF5 layout: <c>model.weights.h5</c> inside a
/// <c>.keras</c> archive, and the whole of a <c>.weights.h5</c> file.
/// </summary>
/// <remarks>
/// Layout: <c>/layers/&lt;key&gt;/vars/0..n</c> per layer (keys from <see cref="LayerKeys"/>),
/// <c>/vars</c> for the model itself (empty) and <c>/optimizer/vars/0..n</c> when the optimizer
/// has state. Every <c>vars</c> group carries the object's name in a <c>name</c> attribute, as
/// Keras 3.6 and later write.
/// </remarks>
internal static class WeightStoreWriter
{
    /// <summary>The root attribute that stores <see cref="Model.EpochsCompleted"/>; Keras ignores root attributes of this file.</summary>
    public const string EpochsAttribute = "keras_classifier_epochs_completed";

    /// <summary>Builds the file tree.</summary>
    /// <param name="model">The model.</param>
    /// <param name="includeOptimizer">Whether to write the optimizer's state when it has any.</param>
    /// <param name="epochsCompleted">The epoch count to store as a root attribute; null for none (inside an archive it goes to metadata.json).</param>
    /// <returns>The tree, ready to write.</returns>
    public static H5File Build(Model model, bool includeOptimizer, long? epochsCompleted)
    {
        var file = new H5File();
        WriteLayers(Hdf5Writing.Group(file, "layers"), model.SavedLayers);
        var modelVars = Hdf5Writing.Group(file, "vars");
        modelVars.Attributes["name"] = model.Name;
        var ownVariables = VariableOrder.Keras3(model);
        for (var i = 0; i < ownVariables.Count; i++)
        {
            AddVariable(modelVars, i, ownVariables[i]);
        }

        if (includeOptimizer && model.Optimizer is { Built: true } optimizer)
        {
            var vars = Hdf5Writing.Group(file, "optimizer/vars");
            vars.Attributes["name"] = optimizer.Name;
            var variables = optimizer.Variables;
            for (var i = 0; i < variables.Count; i++)
            {
                AddVariable(vars, i, variables[i]);
            }
        }

        if (epochsCompleted is not null)
        {
            file.Attributes[EpochsAttribute] = epochsCompleted.Value;
        }

        return file;
    }

    private static void WriteLayers(H5Group container, IReadOnlyList<Layer> layers)
    {
        foreach (var (layer, key) in LayerKeys.Assign(layers))
        {
            var vars = Hdf5Writing.Group(container, $"{key}/vars");
            vars.Attributes["name"] = layer.Name;
            var variables = VariableOrder.Keras3(layer);
            for (var i = 0; i < variables.Count; i++)
            {
                AddVariable(vars, i, variables[i]);
            }

            if (layer is Model nested)
            {
                WriteLayers(Hdf5Writing.Group(container, $"{key}/layers"), nested.SavedLayers);
            }
        }
    }

    private static void AddVariable(H5Group vars, int index, KerasVariable variable)
    {
        var name = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (variable.DType == "int64")
        {
            Hdf5Writing.AddDataset(vars, name, variable.GetInt64Value(), variable.Shape);
        }
        else
        {
            Hdf5Writing.AddDataset(vars, name, variable.GetValue(), variable.Shape);
        }
    }
}
