using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Reads a Keras model saved as a TensorFlow SavedModel folder (<c>model.save("dir")</c> in
/// TensorFlow 2.0 to 2.15), without TensorFlow.
/// </summary>
public static class SavedModelReader
{
    // Keeps characters such as '>' in "Custom>Adam" readable; the JSON is data, never embedded in HTML.
    private static readonly JsonSerializerOptions JsonOutput = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads a SavedModel folder's architecture, weights, training config and optimizer state.</summary>
    /// <param name="folder">The folder that contains <c>saved_model.pb</c> and <c>variables/</c>.</param>
    /// <returns>The contents; every tensor listed has passed its size and CRC-32C checks.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder lacks <c>saved_model.pb</c>, the index or a data shard.</exception>
    /// <exception cref="InvalidDataException">A file is truncated or corrupted, or the files disagree with each other.</exception>
    /// <exception cref="NotSupportedException">The folder uses a feature this reader does not handle, such as partitioned variables.</exception>
    public static SavedModelContents Read(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);

        var paths = new SavedModelPaths(Path.GetFullPath(folder));
        var metaGraph = SavedModelProtoReader.ReadMetaGraph(paths);
        var savedGraph = metaGraph.ObjectGraphDef is { Nodes.Count: > 0 } objectGraph ? objectGraph : null;
        var architecture = KerasArchitectureReader.Read(paths, savedGraph);

        var bundle = TensorBundleReader.Open(paths.VariablesPrefix);
        var graph = new CheckpointGraph(bundle.ReadObjectGraph(), bundle.IndexPath);
        if (savedGraph is not null && graph.Count > savedGraph.Nodes.Count)
        {
            throw new InvalidDataException(
                $"The object graph in '{bundle.IndexPath}' has {graph.Count} nodes but '{paths.SavedModelFile}' has {savedGraph.Nodes.Count}; the folder mixes files from different saves.");
        }

        var weights = new LayerWeightResolver(graph, bundle, architecture, savedGraph, paths.SavedModelFile);
        var layers = weights.Resolve();

        var trainingConfig = architecture.Root?["training_config"] as JsonObject;
        var optimizerConfig = trainingConfig?["optimizer_config"] as JsonObject;
        var optimizerState = new OptimizerStateResolver(graph, bundle, layers, weights.WeightsByNode).Resolve(optimizerConfig);

        return new SavedModelContents(
            paths.Folder,
            architecture.Source,
            architecture.Objects.TryGetValue(0, out var rootObject) ? rootObject.Identifier : null,
            architecture.RootString("class_name"),
            ModelConfigJson(architecture.Root),
            trainingConfig?.ToJsonString(JsonOutput),
            architecture.RootString("keras_version"),
            NullIfEmpty(metaGraph.MetaInfoDef?.TensorflowVersion),
            BuildInputShape(architecture.Root),
            layers,
            optimizerState,
            bundle.Keys.Count,
            RebuildabilityCheck.FindReason(paths.Folder, architecture));
    }

    private static string? ModelConfigJson(JsonObject? root)
    {
        if (root is null)
        {
            return null;
        }

        var source = root["config"] is JsonObject ? root : root["model_config"] as JsonObject;
        if (source?["config"] is not JsonObject config || source["class_name"] is not JsonValue className)
        {
            return null;
        }

        return new JsonObject { ["class_name"] = className.DeepClone(), ["config"] = config.DeepClone() }.ToJsonString(JsonOutput);
    }

    // The root's build_input_shape, else its batch_input_shape, else the first layer's batch_input_shape.
    private static Shape? BuildInputShape(JsonObject? root)
    {
        var candidates = new[]
        {
            root?["build_input_shape"],
            root?["batch_input_shape"],
            (((root?["config"] as JsonObject)?["layers"] as JsonArray)?.FirstOrDefault() as JsonObject)?["config"] is JsonObject firstLayer
                ? firstLayer["batch_input_shape"]
                : null,
        };

        foreach (var candidate in candidates)
        {
            if (candidate is JsonArray array && array.All(d => d is null || (d is JsonValue v && v.TryGetValue<int>(out _))))
            {
                return Shape.FromJson(array);
            }
        }

        return null;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
