using System.Text.Json.Nodes;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Saving;

namespace KerasClassifier.Keras.Models;

public partial class Functional
{
    /// <summary>The Python module Keras 3 writes for functional models, which are not part of its public API.</summary>
    internal const string KerasModule = "keras.src.models.functional";

    /// <summary>
    /// Returns Keras's functional config: <c>name</c>, <c>trainable</c>, <c>layers</c> (each layer's
    /// envelope plus <c>name</c> and <c>inbound_nodes</c>), <c>input_layers</c> and <c>output_layers</c>.
    /// </summary>
    /// <returns>A new JSON object.</returns>
    /// <remarks>
    /// Node indices count only this model's calls of each layer. In <c>input_layers</c> and
    /// <c>output_layers</c>, a nested functional model's indices start at 1, as Keras 3 writes them.
    /// </remarks>
    public override JsonObject GetConfig()
    {
        var keptIndex = new Dictionary<Node, int>();
        foreach (var layer in Layers)
        {
            var kept = layer is Functional ? 1 : 0;
            foreach (var node in layer.InboundNodes.Where(graph.Nodes.Contains))
            {
                keptIndex[node] = kept++;
            }
        }

        var layerConfigs = new JsonArray();
        foreach (var layer in Layers)
        {
            var envelope = LayerEnvelope.Create(layer);
            if (layer is Functional)
            {
                envelope["module"] = KerasModule;
                envelope["registered_name"] = "Functional";
            }

            envelope["name"] = layer.Name;
            var nodes = new JsonArray();
            foreach (var node in layer.InboundNodes.Where(n => graph.Nodes.Contains(n) && !n.IsInput))
            {
                nodes.Add(SerializeNode(node));
            }

            envelope["inbound_nodes"] = nodes;
            layerConfigs.Add(envelope);
        }

        return new JsonObject
        {
            ["name"] = Name,
            ["trainable"] = Trainable,
            ["layers"] = layerConfigs,
            ["input_layers"] = TensorReferences(Inputs, InputsAsList, keptIndex),
            ["output_layers"] = TensorReferences(Outputs, OutputsAsList, keptIndex),
        };
    }

    /// <summary>Rebuilds a functional model from its Keras config, calling each layer on its recorded inputs.</summary>
    /// <param name="config">The model's <c>config</c> object.</param>
    /// <param name="createLayer">Creates a layer from its envelope (<c>class_name</c>, <c>config</c>...); the saving registry supplies it.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">A key is missing, a node refers to an unknown layer, or the calls cannot all be resolved.</exception>
    /// <exception cref="NotSupportedException">Inputs or outputs are given as a dict.</exception>
    public static Functional FromConfig(JsonObject config, Func<JsonObject, Layer> createLayer)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(createLayer);
        var layerEntries = config["layers"] as JsonArray ?? throw new InvalidDataException("Functional config has no 'layers' list.");

        // First create every layer and queue its calls; calls run once all their inputs exist.
        var created = new Dictionary<string, Layer>(StringComparer.Ordinal);
        var order = new List<(Layer Layer, Queue<JsonObject> Nodes)>();
        foreach (var entry in layerEntries.OfType<JsonObject>())
        {
            var name = entry["name"]?.GetValue<string>() ?? entry["config"]?["name"]?.GetValue<string>()
                ?? throw new InvalidDataException("Functional config has a layer entry without 'name'.");
            var layer = createLayer(entry);
            created[name] = layer;
            var nodes = entry["inbound_nodes"] as JsonArray ?? [];
            order.Add((layer, new Queue<JsonObject>(nodes.OfType<JsonObject>())));
        }

        var pending = order.Sum(o => o.Nodes.Count);
        while (pending > 0)
        {
            var progress = false;
            foreach (var (layer, nodes) in order)
            {
                while (nodes.Count > 0 && TryCallNode(layer, nodes.Peek(), created))
                {
                    nodes.Dequeue();
                    pending--;
                    progress = true;
                }
            }

            if (!progress)
            {
                var stuck = order.First(o => o.Nodes.Count > 0).Layer;
                throw new InvalidDataException(
                    $"Functional config cannot be rebuilt: a call of layer \"{stuck.Name}\" refers to a tensor that no other call produces.");
            }
        }

        var (inputs, inputsAsList) = ResolveReferences(config["input_layers"], created, "input_layers");
        var (outputs, outputsAsList) = ResolveReferences(config["output_layers"], created, "output_layers");
        var model = new Functional(inputs, inputsAsList, outputs, outputsAsList, config["name"]?.GetValue<string>());
        if (config["trainable"] is JsonValue trainable)
        {
            model.Trainable = trainable.GetValue<bool>();
        }

        return model;
    }

    /// <summary>Writes one call as Keras does: <c>args</c> (a tensor, or a list of tensors for merge layers) and empty <c>kwargs</c>.</summary>
    private JsonObject SerializeNode(Node node)
    {
        var references = node.InputTensors
            .Select(t => (JsonNode)TensorReference(t, t.NodeIndex - t.Layer.InboundNodes.Take(t.NodeIndex).Count(n => !graph.Nodes.Contains(n))))
            .ToArray();
        JsonNode argument = node.InputsAsList ? new JsonArray(references) : references[0];
        return new JsonObject { ["args"] = new JsonArray(argument), ["kwargs"] = new JsonObject() };
    }

    private static JsonObject TensorReference(KerasTensor tensor, int nodeIndex) => new()
    {
        ["class_name"] = "__keras_tensor__",
        ["config"] = new JsonObject
        {
            ["shape"] = tensor.Shape.ToJson(),
            ["dtype"] = tensor.DType,
            ["keras_history"] = new JsonArray(tensor.Layer.Name, nodeIndex, tensor.TensorIndex),
        },
    };

    private static JsonNode TensorReferences(IReadOnlyList<KerasTensor> tensors, bool asList, Dictionary<Node, int> keptIndex)
    {
        JsonArray Triple(KerasTensor t) => new(t.Layer.Name, keptIndex[t.Node], t.TensorIndex);
        return asList ? new JsonArray(tensors.Select(t => (JsonNode)Triple(t)).ToArray()) : Triple(tensors[0]);
    }

    private static bool TryCallNode(Layer layer, JsonObject nodeData, Dictionary<string, Layer> created)
    {
        var args = nodeData["args"] as JsonArray ?? throw new InvalidDataException($"A call of layer \"{layer.Name}\" has no 'args' list.");
        if (args.Count == 0)
        {
            throw new InvalidDataException($"A call of layer \"{layer.Name}\" has no arguments.");
        }

        var first = args[0];
        var asList = first is JsonArray;
        var references = asList ? ((JsonArray)first!).ToArray() : [first];
        var tensors = new List<KerasTensor>();
        foreach (var reference in references)
        {
            var history = reference?["config"]?["keras_history"] as JsonArray
                ?? throw new InvalidDataException($"A call of layer \"{layer.Name}\" has an argument that is not a __keras_tensor__ reference.");
            var tensor = FindTensor(history, created, nodeOffset: 0, layer.Name);
            if (tensor is null)
            {
                return false;
            }

            tensors.Add(tensor);
        }

        _ = asList ? layer.ApplyMultiOutput(tensors) : layer.ApplyMultiOutput(tensors[0]);
        return true;
    }

    private static KerasTensor? FindTensor(JsonArray history, Dictionary<string, Layer> created, int nodeOffset, string context)
    {
        var name = history[0]?.GetValue<string>() ?? throw new InvalidDataException($"A tensor reference in \"{context}\" has no layer name.");
        if (!created.TryGetValue(name, out var source))
        {
            throw new InvalidDataException($"A tensor reference in \"{context}\" names layer \"{name}\", which the config does not define.");
        }

        var nodeIndex = history[1]!.GetValue<int>() - (source is Functional ? nodeOffset : 0);
        var tensorIndex = history[2]!.GetValue<int>();
        if (nodeIndex < 0 || nodeIndex >= source.InboundNodes.Count)
        {
            return null;
        }

        var outputs = source.InboundNodes[nodeIndex].OutputTensors;
        return tensorIndex < outputs.Count
            ? outputs[tensorIndex]
            : throw new InvalidDataException($"A tensor reference in \"{context}\" asks for output {tensorIndex} of layer \"{name}\", which has {outputs.Count}.");
    }

    private static (KerasTensor[] Tensors, bool AsList) ResolveReferences(JsonNode? node, Dictionary<string, Layer> created, string key)
    {
        if (node is JsonObject)
        {
            throw new NotSupportedException($"Functional config '{key}' is a dict; only a list or a single [layer, node, tensor] reference is supported.");
        }

        var array = node as JsonArray ?? throw new InvalidDataException($"Functional config has no '{key}'.");
        var isLeaf = array.Count == 3 && array[0] is JsonValue value && value.TryGetValue<string>(out _);
        var triples = isLeaf ? [array] : array.Select(n => n as JsonArray ?? throw new InvalidDataException($"Functional config '{key}' has an entry that is not a reference.")).ToArray();
        var tensors = triples
            .Select(t => FindTensor(t, created, nodeOffset: 1, key) ?? throw new InvalidDataException($"Functional config '{key}' refers to a call of layer \"{t[0]}\" that does not exist."))
            .ToArray();
        return (tensors, !isLeaf);
    }
}
