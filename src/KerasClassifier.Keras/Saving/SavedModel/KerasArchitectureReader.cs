using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using KerasClassifier.Keras.Saving.SavedModel.Protos;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Finds a SavedModel folder's Keras metadata: <c>keras_metadata.pb</c>, else the metadata of
/// <c>_tf_keras_*</c> objects in <c>saved_model.pb</c>, else <c>assets/saved_model.json</c>.
/// </summary>
internal static class KerasArchitectureReader
{
    private const string KerasIdentifierPrefix = "_tf_keras_";
    private const string RootPath = "root";

    /// <summary>Reads the metadata from the first place that has it.</summary>
    /// <param name="paths">The folder's files.</param>
    /// <param name="objectGraph">The object graph of saved_model.pb; null when it has none (TF 1.x exports).</param>
    /// <returns>The metadata; its source is <see cref="ArchitectureSource.None"/> when no place has any.</returns>
    /// <exception cref="InvalidDataException">A metadata file or JSON string is malformed.</exception>
    public static KerasArchitecture Read(SavedModelPaths paths, SavedObjectGraph? objectGraph)
    {
        if (File.Exists(paths.KerasMetadataFile))
        {
            return ReadMetadataFile(paths.KerasMetadataFile);
        }

        if (objectGraph is not null && objectGraph.Nodes.Any(IsKerasObjectWithMetadata))
        {
            return ReadObjectMetadata(objectGraph, paths.SavedModelFile);
        }

        if (File.Exists(paths.AssetsModelJsonFile))
        {
            var root = ParseObject(File.ReadAllText(paths.AssetsModelJsonFile), paths.AssetsModelJsonFile, "the model JSON");
            return new KerasArchitecture(ArchitectureSource.AssetsJson, paths.AssetsModelJsonFile, root, new Dictionary<int, KerasObjectMetadata>());
        }

        return new KerasArchitecture(ArchitectureSource.None, null, null, new Dictionary<int, KerasObjectMetadata>());
    }

    private static KerasArchitecture ReadMetadataFile(string path)
    {
        KerasSavedMetadata metadata;
        try
        {
            metadata = KerasSavedMetadata.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new InvalidDataException($"Keras metadata file '{path}' cannot be parsed: {exception.Message}", exception);
        }

        var objects = new Dictionary<int, KerasObjectMetadata>();
        foreach (var node in metadata.Nodes)
        {
            var json = ParseObject(node.Metadata, path, $"node '{node.NodePath}'");
            objects[node.NodeId] = new KerasObjectMetadata(node.NodeId, node.NodePath, node.Identifier, json);
        }

        var root = metadata.Nodes.FirstOrDefault(n => n.NodePath == RootPath) ?? metadata.Nodes.FirstOrDefault(n => n.NodeId == 0);
        if (root is null)
        {
            throw new InvalidDataException($"Keras metadata file '{path}' has no entry for the model (node path 'root').");
        }

        return new KerasArchitecture(ArchitectureSource.KerasMetadataFile, path, objects[root.NodeId].Metadata, objects);
    }

    private static KerasArchitecture ReadObjectMetadata(SavedObjectGraph graph, string path)
    {
        var paths = DisplayPaths(graph);
        var objects = new Dictionary<int, KerasObjectMetadata>();
        for (var id = 0; id < graph.Nodes.Count; id++)
        {
            var node = graph.Nodes[id];
            if (!IsKerasObjectWithMetadata(node))
            {
                continue;
            }

            var nodePath = paths.TryGetValue(id, out var p) ? p : $"node {id}";
            var json = ParseObject(node.UserObject.Metadata, path, $"object '{nodePath}'");
            objects[id] = new KerasObjectMetadata(id, nodePath, node.UserObject.Identifier, json);
        }

        var root = objects.TryGetValue(0, out var rootObject) ? rootObject.Metadata : null;
        return new KerasArchitecture(ArchitectureSource.SavedModelObjectMetadata, path, root, objects);
    }

    // Paths as keras_metadata.pb writes them: "root", then ".name" per edge along the first path found breadth-first.
    private static Dictionary<int, string> DisplayPaths(SavedObjectGraph graph)
    {
        var paths = new Dictionary<int, string> { [0] = RootPath };
        var queue = new Queue<int>([0]);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            foreach (var child in graph.Nodes[id].Children)
            {
                if (child.NodeId >= 0 && child.NodeId < graph.Nodes.Count && paths.TryAdd(child.NodeId, $"{paths[id]}.{child.LocalName}"))
                {
                    queue.Enqueue(child.NodeId);
                }
            }
        }

        return paths;
    }

    private static bool IsKerasObjectWithMetadata(SavedObject node) =>
        node.KindCase == SavedObject.KindOneofCase.UserObject
        && node.UserObject.Identifier.StartsWith(KerasIdentifierPrefix, StringComparison.Ordinal)
        && node.UserObject.Metadata.Length > 0;

    private static JsonObject ParseObject(string json, string path, string subject)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Keras metadata of {subject} in '{path}' is not valid JSON: {exception.Message}", exception);
        }

        return KerasJsonWrappers.Unwrap(node) as JsonObject
            ?? throw new InvalidDataException($"Keras metadata of {subject} in '{path}' is not a JSON object.");
    }
}
