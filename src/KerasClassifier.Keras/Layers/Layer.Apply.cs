using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Models;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

public abstract partial class Layer
{
    /// <summary>
    /// Calls the layer on a symbolic tensor, as Keras's <c>layer(x)</c> in the functional API: builds the
    /// layer for the tensor's shape and records the call as a graph node.
    /// </summary>
    /// <param name="input">The input, from <see cref="Keras.Input(int[], string?)"/> or another layer.</param>
    /// <returns>The symbolic output.</returns>
    /// <exception cref="ArgumentException">The input shape does not suit the layer; the message names the layer and both shapes.</exception>
    /// <exception cref="InvalidOperationException">The layer has several outputs; use <see cref="ApplyMultiOutput(KerasTensor)"/>.</exception>
    /// <example><c>var x = new Dense(64, activation: "relu").Apply(inputs);</c></example>
    public KerasTensor Apply(KerasTensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SingleOutput(ApplySymbolic([input], inputsAsList: false));
    }

    /// <summary>Calls a layer that takes several inputs (a merge layer or a model with several inputs) on symbolic tensors.</summary>
    /// <param name="inputs">The inputs, in order.</param>
    /// <returns>The symbolic output.</returns>
    /// <exception cref="ArgumentException">The inputs do not suit the layer.</exception>
    /// <exception cref="InvalidOperationException">The layer has several outputs; use <see cref="ApplyMultiOutput(IReadOnlyList{KerasTensor})"/>.</exception>
    /// <example><c>var sum = new Add().Apply([a, b]);</c></example>
    public KerasTensor Apply(IReadOnlyList<KerasTensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return SingleOutput(ApplySymbolic(inputs, inputsAsList: true));
    }

    /// <summary>Calls a layer with several outputs, such as a nested model, on a symbolic tensor.</summary>
    /// <param name="input">The input.</param>
    /// <returns>One symbolic tensor per output.</returns>
    public IReadOnlyList<KerasTensor> ApplyMultiOutput(KerasTensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ApplySymbolic([input], inputsAsList: false);
    }

    /// <summary>Calls a layer with several inputs and outputs on symbolic tensors.</summary>
    /// <param name="inputs">The inputs, in order.</param>
    /// <returns>One symbolic tensor per output.</returns>
    public IReadOnlyList<KerasTensor> ApplyMultiOutput(IReadOnlyList<KerasTensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return ApplySymbolic(inputs, inputsAsList: true);
    }

    /// <summary>
    /// Runs the layer eagerly on a tensor, building it on first use; subclassed models call their
    /// layers this way from <see cref="CallCore(Tensor, bool)"/>.
    /// </summary>
    /// <param name="inputs">The input, channels_last, batch axis first.</param>
    /// <param name="training">Whether this is a training step (default false).</param>
    /// <returns>The output, channels_last.</returns>
    public Tensor Apply(Tensor inputs, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Build(new Shape([null, .. inputs.shape.Skip(1).Select(d => (int?)(int)d)]));
        return TensorLayout.ToChannelsLast(Call(TensorLayout.FromChannelsLast(inputs), training));
    }

    private IReadOnlyList<KerasTensor> ApplySymbolic(IReadOnlyList<KerasTensor> inputs, bool inputsAsList)
    {
        if (this is InputLayer)
        {
            throw new InvalidOperationException($"InputLayer \"{Name}\" cannot be called on a tensor; use its output tensor instead.");
        }

        if (inputs.Count == 0)
        {
            throw new ArgumentException($"Layer \"{Name}\" ({ClassName}) was called on an empty list of inputs.", nameof(inputs));
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null)
            {
                throw new ArgumentNullException(nameof(inputs), $"Input {i} of layer \"{Name}\" ({ClassName}) is null.");
            }
        }

        var shapes = inputs.Select(t => t.Shape).ToArray();
        if (shapes.Length == 1 && !inputsAsList)
        {
            Build(shapes[0]);
        }
        else
        {
            Build(shapes);
        }

        var outputs = ComputeOutputShapes(shapes).Select(s => new KerasTensor(s)).ToArray();
        var node = new Node(this, inputs.ToArray(), inputsAsList, outputs);
        var nodeIndex = AddInboundNode(node);
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i].SetHistory(this, nodeIndex, i);
        }

        return outputs;
    }

    private KerasTensor SingleOutput(IReadOnlyList<KerasTensor> outputs)
    {
        if (outputs.Count != 1)
        {
            throw new InvalidOperationException(
                $"Layer \"{Name}\" ({ClassName}) has {outputs.Count} outputs; call ApplyMultiOutput to receive all of them.");
        }

        return outputs[0];
    }
}
