using System.Globalization;
using KerasClassifier.Keras.Saving.SavedModel.Protos;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// The checkpoint's object graph (<c>_CHECKPOINTABLE_OBJECT_GRAPH</c>): named edges between
/// objects, and for each variable the key of its value in <c>variables.index</c>.
/// </summary>
/// <remarks>
/// Node ids match those of saved_model.pb's object graph: the checkpoint's nodes are the first
/// nodes of that graph, and their children are a subset of its children. Weights are found by
/// following edges, never by parsing keys, because a key is the shortest path to a variable and
/// that path need not pass through the variable's layer.
/// </remarks>
internal sealed class CheckpointGraph
{
    /// <summary>The attribute name under which a variable's value is saved.</summary>
    public const string VariableValueAttribute = "VARIABLE_VALUE";

    private readonly TrackableObjectGraph graph;

    public CheckpointGraph(TrackableObjectGraph graph, string indexPath)
    {
        this.graph = graph;
        IndexPath = indexPath;
        if (graph.Nodes.Count == 0)
        {
            throw new InvalidDataException($"The object graph in checkpoint index '{indexPath}' has no nodes.");
        }

        for (var id = 0; id < graph.Nodes.Count; id++)
        {
            CheckReferences(id);
        }
    }

    /// <summary>Gets the index file the graph was read from, for error messages.</summary>
    public string IndexPath { get; }

    /// <summary>Gets the number of nodes.</summary>
    public int Count => graph.Nodes.Count;

    /// <summary>Returns the named edges of a node in stored order.</summary>
    public IReadOnlyList<ObjectReference> Children(int id) => graph.Nodes[id].Children;

    /// <summary>Returns the node that the edge <paramref name="name"/> of node <paramref name="id"/> points to, or null.</summary>
    public int? Child(int id, string name)
    {
        foreach (var child in graph.Nodes[id].Children)
        {
            if (child.LocalName == name)
            {
                return child.NodeId;
            }
        }

        return null;
    }

    /// <summary>Returns the legacy optimizer slot references stored on a node.</summary>
    public IReadOnlyList<SlotVariableReference> SlotVariables(int id) => graph.Nodes[id].SlotVariables;

    /// <summary>Returns whether a node is a variable with a saved value.</summary>
    public bool IsVariable(int id) => ValueAttribute(id) is not null;

    /// <summary>Returns the checkpoint key of a variable's value, or null when the node is not a saved variable.</summary>
    public string? VariableKey(int id) => ValueAttribute(id)?.CheckpointKey;

    /// <summary>Returns the TensorFlow name of a variable, e.g. <c>dense/kernel</c>; empty when not recorded.</summary>
    public string VariableName(int id) => ValueAttribute(id)?.FullName ?? string.Empty;

    /// <summary>
    /// Returns the items of a list node (children named <c>0</c>, <c>1</c>, ...) in index order.
    /// </summary>
    public IReadOnlyList<int> ListItems(int listId) =>
        graph.Nodes[listId].Children
            .Select(c => (Index: int.TryParse(c.LocalName, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1, c.NodeId))
            .Where(c => c.Index >= 0)
            .OrderBy(c => c.Index)
            .Select(c => c.NodeId)
            .ToArray();

    private SerializedTensor? ValueAttribute(int id) =>
        graph.Nodes[id].Attributes.FirstOrDefault(a => a.Name == VariableValueAttribute);

    private void CheckReferences(int id)
    {
        var node = graph.Nodes[id];
        foreach (var child in node.Children)
        {
            CheckNodeId(child.NodeId, $"child '{child.LocalName}' of node {id}");
        }

        foreach (var slot in node.SlotVariables)
        {
            CheckNodeId(slot.OriginalVariableNodeId, $"slot '{slot.SlotName}' of node {id}");
            CheckNodeId(slot.SlotVariableNodeId, $"slot '{slot.SlotName}' of node {id}");
        }
    }

    private void CheckNodeId(int target, string subject)
    {
        if (target < 0 || target >= graph.Nodes.Count)
        {
            throw new InvalidDataException(
                $"The object graph in checkpoint index '{IndexPath}' is corrupted: {subject} refers to node {target}, but the graph has {graph.Nodes.Count} nodes.");
        }
    }
}
