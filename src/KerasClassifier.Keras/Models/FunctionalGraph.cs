using KerasClassifier.Keras.Layers;

namespace KerasClassifier.Keras.Models;

/// <summary>
/// The nodes and layers between a model's inputs and outputs, ordered as Keras's <c>map_graph</c>
/// orders them: by depth from the outputs (inputs first), ties broken by first visit of a depth-first
/// walk that starts at the outputs and follows call arguments in order.
/// </summary>
internal sealed class FunctionalGraph
{
    private FunctionalGraph(IReadOnlyList<Layer> layers, IReadOnlyList<IReadOnlyList<Node>> nodesByDepth, HashSet<Node> nodes)
    {
        Layers = layers;
        NodesByDepth = nodesByDepth;
        Nodes = nodes;
    }

    /// <summary>Gets the layers (Keras's <c>operations</c>), deepest first.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Gets the nodes grouped by depth, deepest group first; running them in this order computes the outputs.</summary>
    public IReadOnlyList<IReadOnlyList<Node>> NodesByDepth { get; }

    /// <summary>Gets every node of the model.</summary>
    public HashSet<Node> Nodes { get; }

    /// <summary>Walks the graph from the outputs and checks that the inputs alone compute every output.</summary>
    /// <exception cref="ArgumentException">The graph has a cycle, an output needs a tensor that is not among the inputs, or two layers share a name.</exception>
    public static FunctionalGraph Map(string modelName, IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs)
    {
        var inputSet = new HashSet<KerasTensor>(inputs);
        var finished = new HashSet<Node>();
        var inProgress = new HashSet<Node>();
        var postOrder = new List<Node>();
        var firstVisit = new Dictionary<Layer, int>();
        foreach (var output in outputs)
        {
            Visit(output, inputSet, finished, inProgress, postOrder, firstVisit);
        }

        // Depth is the longest path to an output; a shared layer takes the largest depth of its nodes.
        var nodeDepths = new OrderedDepths<Node>();
        var layerDepths = new OrderedDepths<Layer>();
        for (var i = postOrder.Count - 1; i >= 0; i--)
        {
            var node = postOrder[i];
            var depth = Math.Max(nodeDepths.GetOrAdd(node, 0), layerDepths.Get(node.Layer, 0));
            layerDepths.Set(node.Layer, depth);
            nodeDepths.Set(node, depth);
            foreach (var parent in node.ParentNodes)
            {
                nodeDepths.Set(parent, Math.Max(depth + 1, nodeDepths.Get(parent, 0)));
            }
        }

        // Inputs that no output uses still belong to the model, at depth 0.
        foreach (var input in inputs)
        {
            if (!layerDepths.Contains(input.Layer))
            {
                layerDepths.Set(input.Layer, 0);
                firstVisit[input.Layer] = -1;
                nodeDepths.Set(input.Node, 0);
            }
        }

        var layers = layerDepths.Keys
            .GroupBy(layerDepths.Get)
            .OrderByDescending(g => g.Key)
            .SelectMany(g => g.OrderBy(layer => firstVisit[layer]))
            .ToArray();
        var nodesByDepth = nodeDepths.Keys
            .GroupBy(nodeDepths.Get)
            .OrderByDescending(g => g.Key)
            .Select(g => (IReadOnlyList<Node>)g.ToArray())
            .ToArray();

        CheckConnected(modelName, inputSet, nodesByDepth);
        CheckUniqueNames(modelName, layers);
        return new FunctionalGraph(layers, nodesByDepth, [.. nodeDepths.Keys]);
    }

    private static void Visit(
        KerasTensor tensor,
        HashSet<KerasTensor> inputs,
        HashSet<Node> finished,
        HashSet<Node> inProgress,
        List<Node> postOrder,
        Dictionary<Layer, int> firstVisit)
    {
        var node = tensor.Node;
        if (finished.Contains(node))
        {
            return;
        }

        if (inProgress.Contains(node))
        {
            throw new ArgumentException($"Tensor {tensor} from layer \"{tensor.Layer.Name}\" is part of a cycle.", "outputs");
        }

        firstVisit.TryAdd(node.Layer, firstVisit.Count);
        inProgress.Add(node);
        if (!node.IsInput && !inputs.Contains(tensor))
        {
            foreach (var input in node.InputTensors)
            {
                Visit(input, inputs, finished, inProgress, postOrder, firstVisit);
            }
        }

        finished.Add(node);
        inProgress.Remove(node);
        postOrder.Add(node);
    }

    /// <summary>Checks, deepest nodes first, that every tensor a node reads comes from a model input or an earlier node.</summary>
    private static void CheckConnected(string modelName, HashSet<KerasTensor> inputs, IReadOnlyList<IReadOnlyList<Node>> nodesByDepth)
    {
        var computable = new HashSet<KerasTensor>(inputs);
        var reached = new List<string>();
        foreach (var node in nodesByDepth.SelectMany(group => group))
        {
            if (node.IsInput)
            {
                continue;
            }

            foreach (var tensor in node.InputTensors)
            {
                if (!computable.Contains(tensor))
                {
                    throw new ArgumentException(
                        $"Graph disconnected in model \"{modelName}\": cannot find parent for tensor {tensor} at layer \"{node.Layer.Name}\" ({node.Layer.ClassName}); " +
                        $"pass the input that produces it in inputs. The following previous layers were accessed without issue: [{string.Join(", ", reached.Select(n => $"'{n}'"))}].",
                        "outputs");
                }
            }

            reached.Add(node.Layer.Name);
            computable.UnionWith(node.OutputTensors);
        }
    }

    private static void CheckUniqueNames(string modelName, IReadOnlyList<Layer> layers)
    {
        var duplicate = layers.GroupBy(l => l.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException(
                $"The name \"{duplicate.Key}\" is used {duplicate.Count()} times in model \"{modelName}\". All layer names should be unique; pass a distinct name to each layer.",
                "outputs");
        }
    }

    /// <summary>A map from items to depths that remembers first-insertion order, as Python dicts do.</summary>
    private sealed class OrderedDepths<T>
        where T : notnull
    {
        private readonly Dictionary<T, int> depths = [];
        private readonly List<T> order = [];

        public IEnumerable<T> Keys => order;

        public bool Contains(T key) => depths.ContainsKey(key);

        public int Get(T key) => depths[key];

        public int Get(T key, int fallback) => depths.TryGetValue(key, out var value) ? value : fallback;

        public int GetOrAdd(T key, int value)
        {
            if (!depths.TryGetValue(key, out var existing))
            {
                Set(key, value);
                return value;
            }

            return existing;
        }

        public void Set(T key, int value)
        {
            if (!depths.ContainsKey(key))
            {
                order.Add(key);
            }

            depths[key] = value;
        }
    }
}
