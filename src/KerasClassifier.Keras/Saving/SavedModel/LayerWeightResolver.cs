using System.Globalization;
using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.SavedModel.Protos;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Matches a SavedModel's weights to its layers by walking the checkpoint's object graph from the
/// model to each layer and from each layer to its variables.
/// </summary>
/// <remarks>
/// A model's layers are its <c>layer-I</c> edges in index order (a subclassed model's layers are
/// the children that Keras metadata marks as layers). A layer's weights are the items of its
/// <c>variables</c> list, which Keras fills in its own weight order (trainable weights first,
/// then non-trainable ones such as <c>moving_mean</c>). Shapes and dtypes are checked against the
/// variables recorded in saved_model.pb when that graph is present.
/// </remarks>
internal sealed class LayerWeightResolver
{
    private const string LayerEdgePrefix = "layer-";
    private const string WeightedLayerEdgePrefix = "layer_with_weights-";
    private const int MaxWeightNameDepth = 3;

    // Edges that lead to bookkeeping objects, never to a layer's own weights or sublayers.
    private static readonly HashSet<string> BookkeepingEdges = new(StringComparer.Ordinal)
    {
        "variables", "trainable_variables", "non_trainable_variables", "regularization_losses", "keras_api",
        "optimizer", "signatures", "layers", "metrics", "layer_regularization_losses", "layer_metrics", "_default_save_signature",
    };

    private readonly CheckpointGraph graph;
    private readonly TensorBundleReader bundle;
    private readonly KerasArchitecture architecture;
    private readonly SavedObjectGraph? savedGraph;
    private readonly string savedModelFile;
    private readonly Dictionary<string, string?> configLayerClasses;
    private readonly Dictionary<int, ResolvedWeight> weightsByNode = [];

    public LayerWeightResolver(CheckpointGraph graph, TensorBundleReader bundle, KerasArchitecture architecture, SavedObjectGraph? savedGraph, string savedModelFile)
    {
        this.graph = graph;
        this.bundle = bundle;
        this.architecture = architecture;
        this.savedGraph = savedGraph;
        this.savedModelFile = savedModelFile;
        configLayerClasses = CollectConfigLayerClasses(architecture.Root);
    }

    /// <summary>Gets each resolved weight by its variable's node id, filled by <see cref="Resolve"/>.</summary>
    public IReadOnlyDictionary<int, ResolvedWeight> WeightsByNode => weightsByNode;

    /// <summary>Reads the layers of the root model with their weights, in <c>model.layers</c> order.</summary>
    /// <exception cref="InvalidDataException">A weight is missing, corrupted, or disagrees with saved_model.pb.</exception>
    public IReadOnlyList<SavedLayerWeights> Resolve()
    {
        var layers = new List<SavedLayerWeights>();
        foreach (var (layerId, edgeName) in LayerNodes(0))
        {
            var path = architecture.Objects.TryGetValue(layerId, out var meta) ? meta.NodePath : $"root.{edgeName}";
            var name = LayerName(layerId, edgeName);
            var layer = new List<SavedTensor>();
            var className = meta?.ClassName ?? configLayerClasses.GetValueOrDefault(name);
            var saved = new SavedLayerWeights(name, className, layerId, path, layer);
            CollectLayerWeights(layerId, saved, layer, []);
            layers.Add(saved);
        }

        return layers;
    }

    private void CollectLayerWeights(int layerId, SavedLayerWeights owner, List<SavedTensor> into, HashSet<int> visitedModels)
    {
        if (IsModel(layerId))
        {
            // A nested model lists the weights of its layers in layer order, as Keras 3's model.weights does.
            if (!visitedModels.Add(layerId))
            {
                return;
            }

            foreach (var (sublayerId, _) in LayerNodes(layerId))
            {
                CollectLayerWeights(sublayerId, owner, into, visitedModels);
            }

            return;
        }

        var trainable = TrainableVariables(layerId);
        foreach (var variableId in LayerVariables(layerId))
        {
            if (weightsByNode.TryGetValue(variableId, out var shared))
            {
                into.Add(shared.Weight);
                continue;
            }

            var weight = ReadWeight(layerId, variableId, owner.Name, trainable);
            weightsByNode[variableId] = new ResolvedWeight(owner, weight);
            into.Add(weight);
        }
    }

    private SavedTensor ReadWeight(int layerId, int variableId, string layerName, HashSet<int>? trainable)
    {
        var key = graph.VariableKey(variableId)!;
        var variableName = graph.VariableName(variableId);
        var name = WeightName(layerId, variableId, variableName);
        if (!bundle.Contains(key))
        {
            throw new InvalidDataException(
                $"Weight '{layerName}/{name}' is missing: the object graph names checkpoint key '{key}', which '{bundle.IndexPath}' does not have.");
        }

        var savedVariable = SavedVariableOf(variableId);
        var isTrainable = trainable?.Contains(variableId) ?? savedVariable?.Trainable ?? true;
        var tensor = bundle.ReadTensor(key, name, variableName).WithName(name, isTrainable);
        if (savedVariable is not null)
        {
            CheckAgainstSavedVariable(tensor, savedVariable, layerName);
        }

        return tensor;
    }

    private void CheckAgainstSavedVariable(SavedTensor tensor, SavedVariable savedVariable, string layerName)
    {
        if (savedVariable.Dtype != tensor.DataType)
        {
            throw new InvalidDataException(
                $"Weight '{layerName}/{tensor.Name}' (checkpoint key '{tensor.CheckpointKey}') is {tensor.DType} in '{bundle.IndexPath}' but {TensorDataTypes.KerasName(savedVariable.Dtype)} in '{savedModelFile}'; the folder mixes files from different saves.");
        }

        var shapeProto = savedVariable.Shape;
        if (shapeProto is null || shapeProto.UnknownRank || shapeProto.Dim.Any(d => d.Size < 0))
        {
            return;
        }

        var expected = shapeProto.Dim.Select(d => (int)d.Size).ToArray();
        if (!expected.SequenceEqual(tensor.Shape))
        {
            throw new InvalidDataException(
                $"Weight '{layerName}/{tensor.Name}' (checkpoint key '{tensor.CheckpointKey}') has shape {KerasVariable.FormatShape(tensor.Shape)} in '{bundle.IndexPath}' but {KerasVariable.FormatShape(expected)} in '{savedModelFile}'; the folder mixes files from different saves.");
        }
    }

    /// <summary>Returns the layers of a model node in order, with the edge each was found by.</summary>
    private List<(int Id, string Edge)> LayerNodes(int modelId)
    {
        var indexed = graph.Children(modelId)
            .Select(c => (c.NodeId, c.LocalName, Index: EdgeIndex(c.LocalName, LayerEdgePrefix)))
            .Where(c => c.Index >= 0)
            .OrderBy(c => c.Index)
            .ToList();
        var weighted = graph.Children(modelId)
            .Select(c => (c.NodeId, c.LocalName, Index: EdgeIndex(c.LocalName, WeightedLayerEdgePrefix)))
            .Where(c => c.Index >= 0)
            .OrderBy(c => c.Index);

        IEnumerable<(int NodeId, string LocalName)> candidates = indexed.Count > 0
            ? indexed.Select(c => (c.NodeId, c.LocalName)).Concat(weighted.Select(c => (c.NodeId, c.LocalName)))
            : graph.Children(modelId).Where(c => !BookkeepingEdges.Contains(c.LocalName) && IsLayer(c.NodeId)).Select(c => (c.NodeId, c.LocalName));

        var seen = new HashSet<int>();
        var layers = new List<(int, string)>();
        foreach (var (id, edge) in candidates)
        {
            if (seen.Add(id) && !IsInputLayer(id))
            {
                layers.Add((id, edge));
            }
        }

        return layers;
    }

    private IEnumerable<int> LayerVariables(int layerId)
    {
        if (graph.Child(layerId, "variables") is int listId)
        {
            return graph.ListItems(listId).Where(graph.IsVariable).Distinct();
        }

        // Without a variables list, take the variables reachable through attribute edges, in edge order.
        var found = new List<int>();
        CollectVariablesByEdges(layerId, found, [], 0);
        return found;
    }

    private void CollectVariablesByEdges(int nodeId, List<int> found, HashSet<int> visited, int depth)
    {
        if (depth > MaxWeightNameDepth || !visited.Add(nodeId))
        {
            return;
        }

        foreach (var child in graph.Children(nodeId))
        {
            if (BookkeepingEdges.Contains(child.LocalName))
            {
                continue;
            }

            if (graph.IsVariable(child.NodeId))
            {
                if (!found.Contains(child.NodeId))
                {
                    found.Add(child.NodeId);
                }
            }
            else
            {
                CollectVariablesByEdges(child.NodeId, found, visited, depth + 1);
            }
        }
    }

    private HashSet<int>? TrainableVariables(int layerId) =>
        graph.Child(layerId, "trainable_variables") is int listId ? [.. graph.ListItems(listId)] : null;

    // The weight's attribute name on its layer (or the layer's cell), else the last part of the variable name.
    private string WeightName(int layerId, int variableId, string variableName)
    {
        var queue = new Queue<(int Id, int Depth)>([(layerId, 0)]);
        var visited = new HashSet<int> { layerId };
        while (queue.Count > 0)
        {
            var (id, depth) = queue.Dequeue();
            foreach (var child in graph.Children(id))
            {
                if (BookkeepingEdges.Contains(child.LocalName) || EdgeIndex(child.LocalName, string.Empty) >= 0)
                {
                    continue;
                }

                if (child.NodeId == variableId)
                {
                    return child.LocalName;
                }

                if (depth + 1 < MaxWeightNameDepth && visited.Add(child.NodeId))
                {
                    queue.Enqueue((child.NodeId, depth + 1));
                }
            }
        }

        var lastSlash = variableName.LastIndexOf('/');
        return variableName.Length > 0 ? variableName[(lastSlash + 1)..] : $"variable_{variableId}";
    }

    private string LayerName(int layerId, string edgeName)
    {
        if (architecture.Objects.TryGetValue(layerId, out var meta) && meta.Name is { } metadataName)
        {
            return metadataName;
        }

        // Without per-layer metadata, a variable name such as "sequential/dense/kernel" names the layer.
        var variableName = LayerVariables(layerId).Select(graph.VariableName).FirstOrDefault(n => n.Length > 0);
        if (variableName is not null)
        {
            var parts = variableName.Split('/')[..^1];
            var match = parts.FirstOrDefault(configLayerClasses.ContainsKey);
            if (match is not null)
            {
                return match;
            }

            if (parts.Length > 0)
            {
                return parts[^1];
            }
        }

        return edgeName;
    }

    private string? Identifier(int id)
    {
        if (architecture.Objects.TryGetValue(id, out var meta))
        {
            return meta.Identifier;
        }

        if (savedGraph is not null && id < savedGraph.Nodes.Count && savedGraph.Nodes[id].KindCase == SavedObject.KindOneofCase.UserObject)
        {
            return savedGraph.Nodes[id].UserObject.Identifier;
        }

        return null;
    }

    private bool IsModel(int id) => Identifier(id) is { } identifier
        ? KerasIdentifiers.IsModel(identifier)
        : graph.Children(id).Any(c => EdgeIndex(c.LocalName, LayerEdgePrefix) >= 0);

    private bool IsLayer(int id) => Identifier(id) is { } identifier
        ? KerasIdentifiers.IsLayerOrModel(identifier) && !(architecture.Objects.TryGetValue(id, out var meta) && meta.IsMetric)
        : graph.Child(id, "variables") is not null;

    private bool IsInputLayer(int id) =>
        Identifier(id) == KerasIdentifiers.InputLayer
        || (architecture.Objects.TryGetValue(id, out var meta) && meta.ClassName == "InputLayer");

    private SavedVariable? SavedVariableOf(int id) =>
        savedGraph is not null && id < savedGraph.Nodes.Count && savedGraph.Nodes[id].KindCase == SavedObject.KindOneofCase.Variable
            ? savedGraph.Nodes[id].Variable
            : null;

    private static int EdgeIndex(string localName, string prefix) =>
        localName.StartsWith(prefix, StringComparison.Ordinal)
        && int.TryParse(localName.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : -1;

    // Maps each layer name in the config, nested models included, to its class name.
    private static Dictionary<string, string?> CollectConfigLayerClasses(JsonObject? root)
    {
        var classes = new Dictionary<string, string?>(StringComparer.Ordinal);
        Collect(root?["config"]);
        return classes;

        void Collect(JsonNode? config)
        {
            if ((config as JsonObject)?["layers"] is not JsonArray layers)
            {
                return;
            }

            foreach (var layer in layers.OfType<JsonObject>())
            {
                var layerConfig = layer["config"] as JsonObject;
                if ((layerConfig?["name"] ?? layer["name"]) is JsonValue v && v.TryGetValue<string>(out var name))
                {
                    classes.TryAdd(name, layer["class_name"] is JsonValue c && c.TryGetValue<string>(out var className) ? className : null);
                }

                Collect(layerConfig);
            }
        }
    }
}
