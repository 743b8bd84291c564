using System.Globalization;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.Hdf5;
using KerasClassifier.Keras.Saving.KerasV3;
using KerasClassifier.Keras.Saving.Serialization;
using PureHDF;

namespace KerasClassifier.Keras.Saving.LegacyH5;

/// <summary>Loads the legacy HDF5 formats: full models and weights-only files.</summary>
internal static class LegacyH5Reader
{
    /// <summary>Rebuilds the model from <c>model_config</c>, compiles it from <c>training_config</c> and loads its weights and optimizer state.</summary>
    /// <param name="root">The file's root group.</param>
    /// <param name="location">The file, for messages.</param>
    /// <param name="compile">Whether to compile from the saved settings.</param>
    /// <returns>The model and what was restored.</returns>
    public static LoadResult LoadModel(IH5Group root, FileLocation location, bool compile)
    {
        using var scope = new DeserializationScope();
        var kerasVersion = CheckWriter(root, "/", location);

        var configText = Hdf5Reading.ReadString(root, "/", "model_config", location)
            ?? throw location.Invalid("/@model_config", "the attribute is missing, so this is not a full-model file.");
        var envelope = ModelConfig.ParseObject(configText, location, "/@model_config");
        var model = ModelConfig.CreateModel(envelope, location, "/@model_config");
        if (!model.Built)
        {
            throw location.Unsupported("/@model_config", $"model '{model.Name}' has no input shape in its config, so its variables cannot be created to receive the weights.");
        }

        if (compile && Hdf5Reading.ReadString(root, "/", "training_config", location) is { } trainingText)
        {
            CompileSettings.TryApply(model, ModelConfig.ParseObject(trainingText, location, "/@training_config"), "optimizer_config");
        }

        var weightsGroup = Hdf5Reading.FindGroup(root, "model_weights")
            ?? throw location.Invalid("/model_weights", "the group with the model's weights is missing.");
        var pending = LegacyWeightsReader.Read(weightsGroup, "/model_weights", model, location, channelsFirstFlatten: false);
        foreach (var value in pending)
        {
            value.Apply();
        }

        var restored = false;
        if (model.Compiled && Hdf5Reading.FindGroup(root, "optimizer_weights") is { } optimizerGroup
            && LegacyOptimizerWeights.Read(optimizerGroup, location) is { } state)
        {
            restored = OptimizerStateRestorer.Restore(model, state, location);
        }

        model.EpochsCompleted = (int)(WeightStoreReader.ReadEpochsCompleted(root, location) ?? 0);
        return new LoadResult(model, KerasFileFormat.LegacyHdf5Model, kerasVersion, model.Compiled, restored, scope.Warnings);
    }

    /// <summary>Loads the weights of a legacy full-model or weights-only file into a model.</summary>
    /// <param name="root">The file's root group.</param>
    /// <param name="model">The model, built.</param>
    /// <param name="location">The file, for messages.</param>
    /// <param name="dataFormat">The data_format of the model that wrote the file: <c>channels_first</c> reorders Dense rows after a Flatten for files from Keras 2.1.5 and older.</param>
    /// <returns>The Keras version that wrote the file.</returns>
    public static string? LoadWeights(IH5Group root, Model model, FileLocation location, string dataFormat)
    {
        var (group, path) = FindWeightsGroup(root);
        var kerasVersion = CheckWriter(group, path, location);

        var channelsFirstFlatten = false;
        if (dataFormat == "channels_first")
        {
            if (IsAtMost(kerasVersion, 2, 1, 5))
            {
                channelsFirstFlatten = true;
            }
            else
            {
                DeserializationScope.Warn(
                    $"dataFormat 'channels_first' was ignored: {location.Describe()} was written by Keras {kerasVersion}, whose Flatten already stores Dense rows in channels_last order.");
            }
        }

        var pending = LegacyWeightsReader.Read(group, path, model, location, channelsFirstFlatten);
        foreach (var value in pending)
        {
            value.Apply();
        }

        return kerasVersion;
    }

    /// <summary>Returns the group with <c>layer_names</c>: the root of a weights-only file, <c>/model_weights</c> of a full-model file.</summary>
    /// <param name="root">The file's root group.</param>
    /// <returns>The group and its HDF5 path.</returns>
    public static (IH5Group Group, string Path) FindWeightsGroup(IH5Group root) =>
        Hdf5Reading.FindGroup(root, "model_weights") is { } weights && !root.AttributeExists("layer_names")
            ? (weights, "/model_weights")
            : (root, "/");

    /// <summary>Reads the writer's Keras version and rejects writers whose layouts differ (Keras 1, Theano kernels).</summary>
    /// <param name="group">The group with the <c>keras_version</c> and <c>backend</c> attributes.</param>
    /// <param name="path">Its HDF5 path, for messages.</param>
    /// <param name="location">The file, for messages.</param>
    /// <returns>The Keras version.</returns>
    public static string? CheckWriter(IH5Group group, string path, FileLocation location)
    {
        var version = Hdf5Reading.ReadString(group, path, "keras_version", location);
        if (version is null)
        {
            throw location.Unsupported(
                path.TrimEnd('/') + "/@keras_version",
                "the file has no keras_version, so it was written by Keras 1, whose weight layouts differ; load it in Keras 2 and save it again.");
        }

        var backend = Hdf5Reading.ReadString(group, path, "backend", location);
        if (backend == "theano")
        {
            throw location.Unsupported(
                path.TrimEnd('/') + "/@backend",
                "the file was written with the Theano backend, whose convolution kernels are flipped; load it in Keras with TensorFlow and save it again.");
        }

        return version;
    }

    private static bool IsAtMost(string? version, int major, int minor, int patch)
    {
        if (version is null)
        {
            return true;
        }

        var parts = version.Split('.').Select(p => int.TryParse(new string(p.TakeWhile(char.IsDigit).ToArray()), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
        var parsed = (parts.ElementAtOrDefault(0), parts.ElementAtOrDefault(1), parts.ElementAtOrDefault(2));
        return parsed.CompareTo((major, minor, patch)) <= 0;
    }
}
