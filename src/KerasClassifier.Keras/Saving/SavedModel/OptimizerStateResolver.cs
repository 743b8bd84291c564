using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Reads the optimizer state of a SavedModel checkpoint in either layout and orders it as Keras 3
/// does: iteration count, learning rate, then each trainable weight's slots.
/// </summary>
/// <remarks>
/// Legacy slots are linked to their weights by the optimizer node's slot references. Slots of the
/// TensorFlow 2.11+ optimizer have no such link; each is matched to a weight by its variable name,
/// <c>&lt;optimizer&gt;/&lt;slot&gt;/&lt;weight variable name&gt;</c>, e.g. <c>Adam/m/dense/kernel</c>.
/// </remarks>
internal sealed class OptimizerStateResolver
{
    private const string CustomPrefix = "Custom>";

    // LossScaleOptimizer keeps the real optimizer under one of these edges.
    private static readonly string[] WrappedOptimizerEdges = ["base_optimizer", "_optimizer", "inner_optimizer"];

    private readonly CheckpointGraph graph;
    private readonly TensorBundleReader bundle;
    private readonly IReadOnlyList<SavedLayerWeights> layers;
    private readonly IReadOnlyDictionary<int, ResolvedWeight> weightsByNode;

    public OptimizerStateResolver(CheckpointGraph graph, TensorBundleReader bundle, IReadOnlyList<SavedLayerWeights> layers, IReadOnlyDictionary<int, ResolvedWeight> weightsByNode)
    {
        this.graph = graph;
        this.bundle = bundle;
        this.layers = layers;
        this.weightsByNode = weightsByNode;
    }

    /// <summary>Reads the state of the root model's optimizer.</summary>
    /// <param name="optimizerConfig">The <c>optimizer_config</c> of the training config (<c>class_name</c>, <c>config</c>), or null.</param>
    /// <returns>The state, or null when the checkpoint has no optimizer or no iteration count (compiled but never trained).</returns>
    /// <exception cref="InvalidDataException">A slot cannot be matched to a weight or does not have its weight's shape.</exception>
    public SavedOptimizerState? Resolve(JsonObject? optimizerConfig)
    {
        if (graph.Child(0, "optimizer") is not int optimizerId)
        {
            return null;
        }

        foreach (var edge in WrappedOptimizerEdges)
        {
            if (graph.Child(optimizerId, edge) is int innerId)
            {
                optimizerId = innerId;
                break;
            }
        }

        var legacyIteration = graph.Child(optimizerId, "iter");
        var modernIteration = graph.Child(optimizerId, "_iterations");
        var iterationId = legacyIteration ?? modernIteration;
        if (iterationId is not int iterationNode || graph.VariableKey(iterationNode) is not { } iterationKey || !bundle.Contains(iterationKey))
        {
            return null;
        }

        var layout = legacyIteration is not null ? OptimizerLayout.Legacy : OptimizerLayout.Modern;
        var config = optimizerConfig?["config"] as JsonObject;
        var className = ClassName(optimizerConfig, graph.VariableName(iterationNode));
        var iterations = ReadScalar(iterationKey).ToInt64Array()[0];

        var learningRateEdge = layout == OptimizerLayout.Legacy ? "learning_rate" : "_learning_rate";
        var learningRate = graph.Child(optimizerId, learningRateEdge) is int rateId && graph.VariableKey(rateId) is { } rateKey && bundle.Contains(rateKey)
            ? ReadScalar(rateKey).ToFloat32Array()[0]
            : ConfigNumber(config, "learning_rate");

        var hyperparameters = layout == OptimizerLayout.Legacy ? ReadHyperparameters(optimizerId, iterationNode) : new Dictionary<string, double>();
        var slots = layout == OptimizerLayout.Legacy
            ? ReadLegacySlots(optimizerId, className)
            : ReadModernSlots(optimizerId, iterationNode, ref className);

        return new SavedOptimizerState(className, layout, iterations, learningRate, hyperparameters, OrderSlots(slots), config);
    }

    private List<SlotEntry> ReadLegacySlots(int optimizerId, string className)
    {
        var slots = new List<SlotEntry>();
        foreach (var reference in graph.SlotVariables(optimizerId))
        {
            if (!weightsByNode.TryGetValue(reference.OriginalVariableNodeId, out var weight))
            {
                throw new InvalidDataException(
                    $"Optimizer slot '{reference.SlotName}' in '{bundle.IndexPath}' belongs to object-graph node {reference.OriginalVariableNodeId}, which is not a weight of any layer.");
            }

            var key = graph.VariableKey(reference.SlotVariableNodeId)
                ?? throw new InvalidDataException(
                    $"Optimizer slot '{reference.SlotName}' of weight '{weight.Layer.Name}/{weight.Weight.Name}' has no saved value in '{bundle.IndexPath}'.");
            slots.Add(CreateSlot(weight, className, reference.SlotName, key, graph.VariableName(reference.SlotVariableNodeId)));
        }

        return slots;
    }

    private List<SlotEntry> ReadModernSlots(int optimizerId, int iterationId, ref string className)
    {
        var slots = new List<SlotEntry>();
        if (graph.Child(optimizerId, "_variables") is not int listId)
        {
            return slots;
        }

        var weightsByName = weightsByNode.Values
            .Where(w => w.Weight.VariableName.Length > 0)
            .GroupBy(w => w.Weight.VariableName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        foreach (var slotId in graph.ListItems(listId))
        {
            if (slotId == iterationId || graph.VariableKey(slotId) is not { } key)
            {
                continue;
            }

            var slotVariableName = graph.VariableName(slotId);
            var (weight, optimizerName, storedSlotName) = MatchModernSlot(slotVariableName, weightsByName)
                ?? throw new InvalidDataException(
                    $"Optimizer variable '{key}' ('{slotVariableName}') in '{bundle.IndexPath}' cannot be matched to a model weight; expected a name '<optimizer>/<slot>/<weight variable name>'.");

            if (className.Length == 0)
            {
                className = optimizerName;
            }

            slots.Add(CreateSlot(weight, className, storedSlotName, key, slotVariableName));
        }

        return slots;
    }

    // Matches "Adam/m/dense/kernel" to the weight named "dense/kernel", preferring the longest weight name that fits.
    private static (ResolvedWeight Weight, string Optimizer, string Slot)? MatchModernSlot(string slotVariableName, Dictionary<string, ResolvedWeight> weightsByName)
    {
        var parts = slotVariableName.Split('/');
        for (var prefixLength = 2; prefixLength < parts.Length; prefixLength++)
        {
            var weightName = string.Join('/', parts[prefixLength..]);
            if (weightsByName.TryGetValue(weightName, out var weight))
            {
                return (weight, parts[0], parts[prefixLength - 1]);
            }
        }

        return null;
    }

    private SlotEntry CreateSlot(ResolvedWeight weight, string className, string storedSlotName, string key, string variableName)
    {
        var (slotName, group, rank) = OptimizerSlotNames.ToKeras3(className, storedSlotName);
        var tensor = bundle.ReadTensor(key, slotName, variableName);
        if (!tensor.Shape.SequenceEqual(weight.Weight.Shape))
        {
            throw new InvalidDataException(
                $"Optimizer slot '{key}' in '{bundle.IndexPath}' has shape {KerasVariable.FormatShape(tensor.Shape)}, but its weight '{weight.Layer.Name}/{weight.Weight.Name}' has shape {KerasVariable.FormatShape(weight.Weight.Shape)}.");
        }

        var slot = new SavedOptimizerSlot(weight.Layer.Name, weight.Weight, slotName, storedSlotName, tensor);
        return new SlotEntry(weight, slot, group, rank);
    }

    // Keras 3 order: by slot group, then by weight in the model's weight order, then by the slot's rank in its group.
    private List<SavedOptimizerSlot> OrderSlots(List<SlotEntry> slots)
    {
        var weightOrder = layers.SelectMany(l => l.Weights).Select((w, i) => (w, i)).GroupBy(p => p.w).ToDictionary(g => g.Key, g => g.First().i);
        var duplicate = slots.GroupBy(s => (s.Weight.Weight, s.Slot.SlotName)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var first = duplicate.First();
            throw new InvalidDataException(
                $"Checkpoint '{bundle.IndexPath}' contains optimizer slot '{first.Slot.SlotName}' of weight '{first.Weight.Layer.Name}/{first.Weight.Weight.Name}' more than once.");
        }

        return slots
            .OrderBy(s => s.Group)
            .ThenBy(s => weightOrder.TryGetValue(s.Weight.Weight, out var index) ? index : int.MaxValue)
            .ThenBy(s => s.Rank)
            .ThenBy(s => s.Slot.SlotName, StringComparer.Ordinal)
            .Select(s => s.Slot)
            .ToList();
    }

    private Dictionary<string, double> ReadHyperparameters(int optimizerId, int iterationId)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var child in graph.Children(optimizerId))
        {
            if (child.NodeId == iterationId || graph.VariableKey(child.NodeId) is not { } key || !bundle.Contains(key))
            {
                continue;
            }

            var tensor = ReadScalar(key);
            values[child.LocalName] = tensor.DType is "int64" or "int32" ? tensor.ToInt64Array()[0] : tensor.ToFloat32Array()[0];
        }

        return values;
    }

    private SavedTensor ReadScalar(string key)
    {
        var tensor = bundle.ReadTensor(key);
        if (tensor.Count != 1)
        {
            throw new InvalidDataException(
                $"Optimizer variable '{key}' in '{bundle.IndexPath}' has shape {KerasVariable.FormatShape(tensor.Shape)}; expected a scalar.");
        }

        return tensor;
    }

    private static string ClassName(JsonObject? optimizerConfig, string iterationVariableName)
    {
        if (optimizerConfig?["class_name"] is JsonValue value && value.TryGetValue<string>(out var className))
        {
            return className.StartsWith(CustomPrefix, StringComparison.Ordinal) ? className[CustomPrefix.Length..] : className;
        }

        // Legacy iteration variables are named "<class>/iter", e.g. "Adam/iter".
        var slash = iterationVariableName.IndexOf('/');
        return slash > 0 ? iterationVariableName[..slash] : string.Empty;
    }

    private static double? ConfigNumber(JsonObject? config, string key) =>
        config?[key] is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    private sealed record SlotEntry(ResolvedWeight Weight, SavedOptimizerSlot Slot, int Group, int Rank);
}
