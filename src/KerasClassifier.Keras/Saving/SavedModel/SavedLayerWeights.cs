namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>One layer of a saved model and its weights, in the order Keras lists them (for example kernel, then bias).</summary>
public sealed class SavedLayerWeights
{
    internal SavedLayerWeights(string name, string? className, int nodeId, string nodePath, IReadOnlyList<SavedTensor> weights)
    {
        Name = name;
        ClassName = className;
        NodeId = nodeId;
        NodePath = nodePath;
        Weights = weights;
    }

    /// <summary>Gets the layer name, e.g. <c>dense_1</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the Keras class name, e.g. <c>Dense</c>; null when neither the Keras metadata nor the config names it.</summary>
    public string? ClassName { get; }

    /// <summary>Gets the layer's node id in the object graphs.</summary>
    public int NodeId { get; }

    /// <summary>Gets the path of the layer in the object graph, e.g. <c>root.layer_with_weights-0</c>.</summary>
    public string NodePath { get; }

    /// <summary>Gets the weights in Keras's order; a nested model lists the weights of its layers in layer order.</summary>
    public IReadOnlyList<SavedTensor> Weights { get; }

    /// <inheritdoc/>
    public override string ToString() => $"<SavedLayerWeights name={Name}, class={ClassName ?? "?"}, weights={Weights.Count}>";
}
