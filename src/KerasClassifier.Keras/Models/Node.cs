using KerasClassifier.Keras.Layers;

namespace KerasClassifier.Keras.Models;

/// <summary>One call of a layer on symbolic tensors: the edge set of a functional graph, as Keras's <c>Node</c>.</summary>
public sealed class Node
{
    internal Node(Layer layer, IReadOnlyList<KerasTensor> inputTensors, bool inputsAsList, IReadOnlyList<KerasTensor> outputTensors)
    {
        Layer = layer;
        InputTensors = inputTensors;
        InputsAsList = inputsAsList;
        OutputTensors = outputTensors;
    }

    /// <summary>Gets the layer that was called.</summary>
    public Layer Layer { get; }

    /// <summary>Gets the tensors the layer was called on, in argument order.</summary>
    public IReadOnlyList<KerasTensor> InputTensors { get; }

    /// <summary>Gets a value indicating whether the inputs were passed as one list argument (merge layers), not as a single tensor.</summary>
    public bool InputsAsList { get; }

    /// <summary>Gets the tensors the call produced.</summary>
    public IReadOnlyList<KerasTensor> OutputTensors { get; }

    /// <summary>Gets a value indicating whether this is the node of an <see cref="InputLayer"/>, which has no inputs.</summary>
    public bool IsInput => Layer is InputLayer;

    /// <summary>Gets the nodes that produced this node's inputs, in argument order.</summary>
    public IEnumerable<Node> ParentNodes => InputTensors.Select(t => t.Node);
}
