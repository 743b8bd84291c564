using System.Text.Json.Nodes;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Loads Keras models saved as TensorFlow SavedModel folders into this library's models: weights,
/// compile settings and optimizer state.
/// </summary>
public static class SavedModelLoader
{
    /// <summary>
    /// Rebuilds a model from a SavedModel folder's config, then loads its weights, compile settings
    /// and optimizer state, as Keras's <c>load_model("dir")</c>.
    /// </summary>
    /// <param name="folder">The SavedModel folder.</param>
    /// <param name="modelFactory">
    /// Builds the model from the Keras config <c>{"class_name": ..., "config": ...}</c>, the same schema
    /// as an HDF5 file's <c>model_config</c>; layer names must be kept, because weights are matched by layer name.
    /// </param>
    /// <param name="compile">Whether to compile the model with the saved loss, metrics and optimizer, and restore the optimizer state (default true).</param>
    /// <returns>The model, built; compiled when <paramref name="compile"/> is true and the folder has a training config.</returns>
    /// <exception cref="NotSupportedException">The model cannot be rebuilt (no config, subclassed model, feature columns, Lambda), or its training config uses an unsupported setting.</exception>
    /// <exception cref="InvalidDataException">A file is truncated, corrupted, or the files disagree.</exception>
    /// <exception cref="InvalidOperationException">The rebuilt model's layers or weights do not match the saved ones.</exception>
    public static Model LoadModel(string folder, Func<JsonObject, Model> modelFactory, bool compile = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(modelFactory);

        var contents = SavedModelReader.Read(folder);
        if (contents.NotRebuildableReason is { } reason)
        {
            throw new NotSupportedException(reason);
        }

        var config = (JsonObject)JsonNode.Parse(contents.ModelConfigJson!)!;
        var model = modelFactory(config)
            ?? throw new InvalidOperationException($"The model factory returned null for the config of '{contents.Folder}'.");
        if (!model.Built)
        {
            model.Build(contents.BuildInputShape
                ?? throw new InvalidDataException($"SavedModel '{contents.Folder}' records no input shape, and the rebuilt model '{model.Name}' is not built."));
        }

        var assigned = SavedWeightAssigner.AssignByName(model, contents);
        if (compile && contents.TrainingConfigJson is { } trainingJson)
        {
            var (optimizer, loss, metrics) = SavedTrainingConfig.Create((JsonObject)JsonNode.Parse(trainingJson)!, contents.Folder);
            model.Compile(optimizer, loss, metrics);
            if (contents.OptimizerState is { } state)
            {
                OptimizerStateRestorer.Restore(optimizer, model.TrainableWeights, assigned, state, contents.Folder);
            }
        }

        return model;
    }

    /// <summary>
    /// Loads a SavedModel folder's weights into a model built in C#, pairing the layers that have
    /// weights in order: for folders whose architecture cannot be rebuilt, such as subclassed models.
    /// </summary>
    /// <param name="model">A built model whose layers with weights match the saved ones in order, count and shape.</param>
    /// <param name="folder">The SavedModel folder.</param>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    /// <exception cref="ArgumentException">The layers with weights differ in number, or a weight count or shape differs; the model is then left unchanged.</exception>
    /// <exception cref="InvalidDataException">A file is truncated, corrupted, or the files disagree.</exception>
    public static void LoadWeightsByLayerOrder(Model model, string folder)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!model.Built)
        {
            throw new InvalidOperationException(
                $"Model '{model.Name}' is not built, so it has no weights to load into; give it an InputLayer or call Build(inputShape) first.");
        }

        var contents = SavedModelReader.Read(folder);
        SavedWeightAssigner.AssignByOrder(model, contents);
    }
}
