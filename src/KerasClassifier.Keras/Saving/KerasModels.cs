using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.KerasV3;
using KerasClassifier.Keras.Saving.LegacyH5;

namespace KerasClassifier.Keras.Saving;

/// <summary>Loads saved models, as Keras's <c>keras.models.load_model</c>.</summary>
/// <example>
/// <code>
/// var result = KerasModels.Load("classifier.keras");
/// foreach (var warning in result.Warnings)
/// {
///     Console.Error.WriteLine("warning: " + warning);
/// }
///
/// var model = result.Model;
/// model.Fit(x, y, epochs: 10, initialEpoch: model.EpochsCompleted);
/// </code>
/// </example>
public static class KerasModels
{
    /// <summary>Loads a model; the format is detected from the content, not the extension.</summary>
    /// <param name="path">A <c>.keras</c> archive, its unzipped folder, a legacy full-model <c>.h5</c> file, or a TensorFlow SavedModel folder.</param>
    /// <param name="compile">Whether to compile the model with its saved optimizer, loss and metrics (default true), restoring the optimizer state.</param>
    /// <returns>The model; warnings are dropped, so use <see cref="Load"/> to see them.</returns>
    /// <exception cref="FileNotFoundException">Nothing exists at the path.</exception>
    /// <exception cref="InvalidDataException">The file is damaged or malformed; the message names the file and the inner path.</exception>
    /// <exception cref="NotSupportedException">The model uses a layer class or option this library lacks; the message lists them all and the supported classes.</exception>
    public static Model LoadModel(string path, bool compile = true) => Load(path, compile).Model;

    /// <summary>Loads a model and reports what was restored and what was not.</summary>
    /// <param name="path">A <c>.keras</c> archive, its unzipped folder, a legacy full-model <c>.h5</c> file, or a TensorFlow SavedModel folder.</param>
    /// <param name="compile">Whether to compile the model with its saved optimizer, loss and metrics (default true), restoring the optimizer state.</param>
    /// <returns>The model, the detected format, the writer's Keras version, whether the optimizer state was restored, and warnings.</returns>
    /// <exception cref="FileNotFoundException">Nothing exists at the path.</exception>
    /// <exception cref="InvalidDataException">The file is damaged or malformed; the message names the file and the inner path.</exception>
    /// <exception cref="NotSupportedException">The model uses a layer class or option this library lacks, or the file contains weights only.</exception>
    public static LoadResult Load(string path, bool compile = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (SavedModel.SavedModelFormat.IsSavedModelFolder(path))
        {
            // The registry rebuilds the architecture; errors name the folder and every unsupported layer.
            var location = new FileLocation(path);
            var model = SavedModel.SavedModelLoader.LoadModel(path, config => ModelConfig.CreateModel(config, location, "saved_model.pb"), compile);
            return new LoadResult(model, KerasFileFormat.SavedModel, null, model.Compiled, model.Optimizer?.Built == true, []);
        }

        using var file = KerasFile.Open(path);
        return file.Format switch
        {
            KerasFileFormat.KerasArchive or KerasFileFormat.KerasDirectory => KerasArchiveReader.Load(file.Archive!, file.Format, compile),
            KerasFileFormat.LegacyHdf5Model => LegacyH5Reader.LoadModel(file.Hdf5!, file.Location, compile),
            _ => throw file.Location.Unsupported(
                null,
                "the file contains weights only, without the architecture; create the model in code and call LoadWeights on it."),
        };
    }
}
