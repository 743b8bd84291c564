using KerasClassifier.Keras.Layers;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Models;

/// <summary>
/// A model defined as a directed graph of layer calls, from <see cref="Keras.Input(int[], string?)"/>
/// tensors to output tensors, as Keras's functional <c>Model(inputs, outputs)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Layers may be shared (called on several tensors); a model may be called as a layer inside another
/// model. <see cref="Layers"/> follows Keras's <c>operations</c> order and includes the input layers.
/// </para>
/// <para>
/// <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> accept one array per input; a model with several
/// outputs takes one target array per output and one loss per output (see <c>Compile</c>).
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var inputs = Keras.Input([64, 64, 3]);
/// var x = new Conv2D(16, 3, padding: "same", activation: "relu").Apply(inputs);
/// var skip = new Conv2D(16, 1).Apply(inputs);
/// x = new Add().Apply([x, skip]);
/// var outputs = new Dense(5, activation: "softmax").Apply(new GlobalAveragePooling2D().Apply(x));
/// var model = new Functional(inputs, outputs, name: "residual");
/// </code>
/// </example>
public partial class Functional : Model
{
    private readonly FunctionalGraph graph;

    /// <summary>Initializes a new instance of the <see cref="Functional"/> class with one input and one output.</summary>
    /// <param name="inputs">The input tensor, from <see cref="Keras.Input(int[], string?)"/>.</param>
    /// <param name="outputs">The output tensor.</param>
    /// <param name="name">The model name (default <c>functional</c>, made unique).</param>
    /// <exception cref="ArgumentException">The output cannot be computed from the input, or two layers share a name.</exception>
    public Functional(KerasTensor inputs, KerasTensor outputs, string? name = null)
        : this([inputs], false, [outputs], false, name)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="Functional"/> class with several inputs and outputs.</summary>
    /// <param name="inputs">The input tensors, in the order <c>Fit</c> and <c>Predict</c> take their arrays.</param>
    /// <param name="outputs">The output tensors.</param>
    /// <param name="name">The model name.</param>
    /// <exception cref="ArgumentException">An output cannot be computed from the inputs, or two layers share a name.</exception>
    public Functional(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string? name = null)
        : this(inputs, true, outputs, true, name)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="Functional"/> class with several inputs and one output.</summary>
    /// <param name="inputs">The input tensors.</param>
    /// <param name="outputs">The output tensor.</param>
    /// <param name="name">The model name.</param>
    public Functional(IReadOnlyList<KerasTensor> inputs, KerasTensor outputs, string? name = null)
        : this(inputs, true, [outputs], false, name)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="Functional"/> class with one input and several outputs.</summary>
    /// <param name="inputs">The input tensor.</param>
    /// <param name="outputs">The output tensors.</param>
    /// <param name="name">The model name.</param>
    public Functional(KerasTensor inputs, IReadOnlyList<KerasTensor> outputs, string? name = null)
        : this([inputs], false, outputs, true, name)
    {
    }

    private Functional(IReadOnlyList<KerasTensor> inputs, bool inputsAsList, IReadOnlyList<KerasTensor> outputs, bool outputsAsList, string? name)
        : base(name)
    {
        Inputs = CheckTensors(inputs, nameof(inputs));
        Outputs = CheckTensors(outputs, nameof(outputs));
        InputsAsList = inputsAsList;
        OutputsAsList = outputsAsList;
        foreach (var input in Inputs)
        {
            if (input.Layer is not InputLayer)
            {
                throw new NotSupportedException(
                    $"Model \"{Name}\" input {input} comes from layer \"{input.Layer.Name}\" ({input.Layer.ClassName}); functional model inputs must come from Keras.Input.");
            }
        }

        graph = FunctionalGraph.Map(Name, Inputs, Outputs);
        Build(Inputs.Select(t => t.Shape).ToArray());
    }

    /// <summary>Gets the input tensors, in order.</summary>
    public IReadOnlyList<KerasTensor> Inputs { get; }

    /// <summary>Gets the output tensors, in order.</summary>
    public IReadOnlyList<KerasTensor> Outputs { get; }

    /// <summary>Gets the names of the layers that produce the outputs, as Keras's <c>output_names</c>.</summary>
    public IReadOnlyList<string> OutputNames => Outputs.Select(t => t.Layer.Name).ToArray();

    /// <summary>Gets the input shapes, batch axis included, one per input.</summary>
    public IReadOnlyList<Shape> InputShapes => Inputs.Select(t => t.Shape).ToArray();

    /// <summary>Gets the output shapes, batch axis included, one per output.</summary>
    public IReadOnlyList<Shape> OutputShapes => Outputs.Select(t => t.Shape).ToArray();

    /// <inheritdoc/>
    /// <remarks>The input layers come first, then the other layers in Keras's <c>operations</c> order.</remarks>
    public override IReadOnlyList<Layer> Layers => graph.Layers;

    /// <summary>Gets a value indicating whether the inputs were given as a list (a single tensor otherwise), as configs record it.</summary>
    internal bool InputsAsList { get; }

    /// <summary>Gets a value indicating whether the outputs were given as a list.</summary>
    internal bool OutputsAsList { get; }

    /// <summary>Gets the graph: nodes by depth and the set of this model's nodes.</summary>
    internal FunctionalGraph Graph => graph;

    /// <inheritdoc/>
    internal override HashSet<Node>? GraphNodes => graph.Nodes;

    /// <inheritdoc/>
    internal override int InputCount => Inputs.Count;

    /// <inheritdoc/>
    internal override int OutputCount => Outputs.Count;

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => ComputeOutputShapes([inputShape])[0];

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes) => ComputeOutputShapes(inputShapes)[0];

    /// <inheritdoc/>
    internal override IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.SequenceEqual(Inputs.Select(t => t.Shape)))
        {
            return OutputShapes;
        }

        // A different but compatible shape (known sizes for unknown axes) takes the long way through the graph.
        var shapes = new Dictionary<KerasTensor, Shape>();
        for (var i = 0; i < Inputs.Count; i++)
        {
            shapes[Inputs[i]] = inputShapes[i];
        }

        foreach (var node in graph.NodesByDepth.SelectMany(group => group).Where(n => !n.IsInput))
        {
            var outputShapes = node.Layer.ComputeOutputShapes(node.InputTensors.Select(t => shapes[t]).ToArray());
            for (var i = 0; i < node.OutputTensors.Count; i++)
            {
                shapes[node.OutputTensors[i]] = outputShapes[i];
            }
        }

        return Outputs.Select(t => shapes[t]).ToArray();
    }

    /// <inheritdoc/>
    /// <remarks>A functional model's layers are built while the graph is defined, so there is nothing left to build.</remarks>
    protected override void BuildCore(Shape inputShape)
    {
    }

    /// <inheritdoc/>
    protected override void BuildCore(IReadOnlyList<Shape> inputShapes)
    {
    }

    /// <inheritdoc/>
    private protected override string OutputName(int output) => Outputs[output].Layer.Name;

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape)
    {
        if (Inputs.Count != 1)
        {
            throw new ArgumentException(
                $"Model \"{Name}\" expects {Inputs.Count} inputs, but it received 1 input tensor with shape {inputShape}.", nameof(inputShape));
        }
    }

    /// <inheritdoc/>
    protected override void ValidateInputShapes(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count != Inputs.Count)
        {
            throw new ArgumentException(
                $"Model \"{Name}\" expects {Inputs.Count} inputs, but it received {inputShapes.Count} input tensors with shapes {FormatShapes(inputShapes)}.",
                nameof(inputShapes));
        }
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        var outputs = CallList([x], training);
        if (outputs.Count != 1)
        {
            throw new InvalidOperationException($"Model \"{Name}\" has {outputs.Count} outputs; it cannot return a single tensor.");
        }

        return outputs[0];
    }

    internal override IReadOnlyList<Tensor> CallList(IReadOnlyList<Tensor> inputs, bool training)
    {
        if (inputs.Count != Inputs.Count)
        {
            throw new ArgumentException($"Model \"{Name}\" expects {Inputs.Count} inputs, but it received {inputs.Count}.", nameof(inputs));
        }

        var values = new Dictionary<KerasTensor, Tensor>();
        for (var i = 0; i < inputs.Count; i++)
        {
            values[Inputs[i]] = inputs[i];
        }

        foreach (var node in graph.NodesByDepth.SelectMany(group => group))
        {
            if (node.IsInput)
            {
                continue;
            }

            var arguments = node.InputTensors.Select(t => values[t]).ToArray();
            var results = node.InputsAsList || arguments.Length != 1
                ? node.Layer.CallList(arguments, training)
                : [node.Layer.Call(arguments[0], training)];
            for (var i = 0; i < node.OutputTensors.Count; i++)
            {
                values[node.OutputTensors[i]] = results[i];
            }
        }

        return Outputs.Select(t => values[t]).ToArray();
    }

    private static KerasTensor[] CheckTensors(IReadOnlyList<KerasTensor> tensors, string paramName)
    {
        ArgumentNullException.ThrowIfNull(tensors, paramName);
        if (tensors.Count == 0)
        {
            throw new ArgumentException($"The {paramName} of a functional model must not be empty.", paramName);
        }

        if (tensors.Any(t => t is null))
        {
            throw new ArgumentNullException(paramName, $"The {paramName} of a functional model must not contain null.");
        }

        return tensors.ToArray();
    }
}
