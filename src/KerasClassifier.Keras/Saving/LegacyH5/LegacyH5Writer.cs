using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.Hdf5;
using KerasClassifier.Keras.Saving.KerasV3;
using PureHDF;

namespace KerasClassifier.Keras.Saving.LegacyH5;

/// <summary>
/// Writes the legacy HDF5 formats as Keras 3 writes them: the full model of <c>model.save("x.h5")</c>
/// and the weights-only file of Keras 2's <c>save_weights("x.h5")</c>.
/// </summary>
/// <remarks>
/// Full model: root attributes <c>backend</c>, <c>keras_version</c>, <c>model_config</c> and, when
/// compiled, <c>training_config</c>; a <c>model_weights</c> group with <c>layer_names</c> and one
/// group per layer listing <c>weight_names</c>; and <c>optimizer_weights</c> when the optimizer has
/// state. The weights-only file is the <c>model_weights</c> group placed at the root.
/// </remarks>
internal static class LegacyH5Writer
{
    /// <summary>Writes a full-model file atomically.</summary>
    public static void WriteModel(Model model, string path)
    {
        var file = new H5File();
        file.Attributes["backend"] = KerasFileConstants.Backend;
        file.Attributes["keras_version"] = KerasFileConstants.KerasVersion;
        file.Attributes["model_config"] = ModelConfig.ToLegacyModelConfig(model).ToJsonString();
        if (model.Compiled)
        {
            file.Attributes["training_config"] = Serialization.CompileSettings.ToTrainingConfig(model).ToJsonString();
        }

        file.Attributes[WeightStoreWriter.EpochsAttribute] = (long)model.EpochsCompleted;
        WriteWeights(Hdf5Writing.Group(file, "model_weights"), model);

        if (model.Optimizer is { Built: true } optimizer)
        {
            var group = Hdf5Writing.Group(file, "optimizer_weights");
            var variables = optimizer.Variables;
            Hdf5Writing.SetStringList(group, "weight_names", variables.Select(v => v.Path).ToArray());
            foreach (var variable in variables)
            {
                AddVariable(group, variable.Path, variable);
            }
        }

        var bytes = Hdf5Writing.ToBytes(file);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes a weights-only file atomically.</summary>
    public static void WriteWeights(Model model, string path)
    {
        var file = new H5File();
        WriteWeights(file, model);
        file.Attributes[WeightStoreWriter.EpochsAttribute] = (long)model.EpochsCompleted;
        var bytes = Hdf5Writing.ToBytes(file);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    private static void WriteWeights(H5Group group, Model model)
    {
        group.Attributes["backend"] = KerasFileConstants.Backend;
        group.Attributes["keras_version"] = KerasFileConstants.KerasVersion;
        var layers = model.SavedLayers;
        Hdf5Writing.SetStringList(group, "layer_names", layers.Select(l => l.Name).ToArray());
        foreach (var layer in layers)
        {
            var layerGroup = Hdf5Writing.Group(group, layer.Name);
            var variables = VariableOrder.Legacy(layer);
            Hdf5Writing.SetStringList(layerGroup, "weight_names", variables.Select(v => v.Path).ToArray());
            foreach (var variable in variables)
            {
                AddVariable(layerGroup, variable.Path, variable);
            }
        }

        // Variables the model owns directly (usually none); Keras 3 writes this group and reads it back.
        var topLevel = Hdf5Writing.Group(group, "top_level_model_weights");
        var ownVariables = VariableOrder.Keras3(model);
        Hdf5Writing.SetStringList(topLevel, "weight_names", ownVariables.Select(v => v.Path).ToArray());
        foreach (var variable in ownVariables)
        {
            AddVariable(topLevel, variable.Path, variable);
        }
    }

    private static void AddVariable(H5Group group, string path, KerasVariable variable)
    {
        if (variable.DType == "int64")
        {
            Hdf5Writing.AddDataset(group, path, variable.GetInt64Value(), variable.Shape);
        }
        else
        {
            Hdf5Writing.AddDataset(group, path, variable.GetValue(), variable.Shape);
        }
    }
}
