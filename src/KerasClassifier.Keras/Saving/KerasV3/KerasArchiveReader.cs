using System.Text.Json.Nodes;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.Hdf5;
using KerasClassifier.Keras.Saving.Serialization;

namespace KerasClassifier.Keras.Saving.KerasV3;

/// <summary>Loads a model from a <c>.keras</c> archive or its unzipped folder.</summary>
internal static class KerasArchiveReader
{
    /// <summary>Rebuilds the model from <c>config.json</c>, compiles it from <c>compile_config</c> and loads its variables and optimizer state.</summary>
    /// <param name="source">The archive.</param>
    /// <param name="format">The detected format, reported back.</param>
    /// <param name="compile">Whether to compile from the saved settings.</param>
    /// <returns>The model and what was restored.</returns>
    public static LoadResult Load(ArchiveSource source, KerasFileFormat format, bool compile)
    {
        using var scope = new DeserializationScope();
        var location = source.Location;

        var metadata = ReadMetadata(source);
        var configText = source.ReadText(KerasFileConstants.ConfigMember)
            ?? throw location.Invalid(
                null,
                $"the archive has no {KerasFileConstants.ConfigMember}, so it is not a Keras model archive; its members are: {string.Join(", ", source.MemberNames)}.");
        var envelope = ModelConfig.ParseObject(configText, location, KerasFileConstants.ConfigMember);

        var model = ModelConfig.CreateModel(envelope, location, KerasFileConstants.ConfigMember);
        if (compile && envelope["compile_config"] is JsonObject compileConfig)
        {
            CompileSettings.TryApply(model, compileConfig, "optimizer");
        }

        var restored = LoadWeightsMember(source, model, restoreOptimizer: model.Compiled);
        model.EpochsCompleted = ArchiveMetadata.EpochsCompleted(metadata) ?? 0;
        return new LoadResult(model, format, ArchiveMetadata.KerasVersion(metadata), model.Compiled, restored, scope.Warnings);
    }

    /// <summary>Reads <c>metadata.json</c>; null when the archive has none.</summary>
    /// <param name="source">The archive.</param>
    /// <returns>The metadata object, or null.</returns>
    public static JsonObject? ReadMetadata(ArchiveSource source)
    {
        var text = source.ReadText(KerasFileConstants.MetadataMember);
        return text is null ? null : ModelConfig.ParseObject(text, source.Location, KerasFileConstants.MetadataMember);
    }

    /// <summary>Loads <c>model.weights.h5</c> of an archive into a model.</summary>
    /// <param name="source">The archive.</param>
    /// <param name="model">The model, built.</param>
    /// <param name="restoreOptimizer">Whether to restore the optimizer state.</param>
    /// <returns>Whether the optimizer state was restored.</returns>
    public static bool LoadWeightsMember(ArchiveSource source, Model model, bool restoreOptimizer)
    {
        var location = source.Location;
        using var stream = source.OpenSeekable(KerasFileConstants.WeightsMember);
        if (stream is null)
        {
            if (source.Has("model.weights.npz"))
            {
                throw location.Unsupported("model.weights.npz", "weights saved in NumPy's npz format are not supported; save the model in Keras again with the default HDF5 weights.");
            }

            throw location.Invalid(
                null,
                $"the archive has no {KerasFileConstants.WeightsMember}; its members are: {string.Join(", ", source.MemberNames)}.");
        }

        var weightsLocation = location.In(KerasFileConstants.WeightsMember);
        using var file = Hdf5File.Open(stream, weightsLocation);
        if (!model.Built)
        {
            throw location.Unsupported(
                KerasFileConstants.ConfigMember,
                $"model '{model.Name}' has no input shape in its config (no InputLayer and no build_input_shape), so its variables cannot be created to receive the weights.");
        }

        return WeightStoreLoader.Load(file, model, weightsLocation, restoreOptimizer);
    }
}
