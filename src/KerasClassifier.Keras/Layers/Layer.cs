using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Initializers;
using KerasClassifier.Keras.Models;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// The base of every layer: a name, a <see cref="Trainable"/> flag, variables created by
/// <see cref="Build"/> from the first input shape, and a Keras config.
/// </summary>
/// <remarks>
/// <para>
/// Shapes passed to <see cref="Build(Shape)"/> and <see cref="ComputeOutputShape(Shape)"/> include the
/// batch axis (<c>null</c>) and are channels_last, as in Keras.
/// </para>
/// <para>
/// A custom layer overrides <see cref="BuildCore(Shape)"/> to create its variables with
/// <see cref="AddWeight(string, int[], Initializer, bool)"/>, <see cref="CallCore(Tensor, bool)"/> to
/// compute its output, and <see cref="GetConfig"/> to add its own config keys.
/// </para>
/// </remarks>
public abstract partial class Layer
{
    private readonly List<KerasVariable> weights = [];
    private readonly List<Node> inboundNodes = [];
    private bool trainable;

    /// <summary>Initializes a new instance of the <see cref="Layer"/> class.</summary>
    /// <param name="name">The layer name; null picks a unique snake_case name from the class name.</param>
    /// <param name="trainable">Whether gradients update this layer's variables.</param>
    protected Layer(string? name = null, bool trainable = true)
    {
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("Layer name must not be empty or white space.", nameof(name));
        }

        Name = name ?? KerasBackend.UniqueName(ToSnakeCase(GetType().Name));
        this.trainable = trainable;
    }

    /// <summary>Gets the layer name, unique within a model.</summary>
    public string Name { get; private set; }

    /// <summary>Gets the Keras class name written to configs, e.g. <c>Conv2D</c>.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>Gets or sets a value indicating whether training updates this layer's variables.</summary>
    /// <remarks>A frozen <c>BatchNormalization</c> also runs in inference mode, as in Keras 3.</remarks>
    public virtual bool Trainable
    {
        get => trainable;
        set => trainable = value;
    }

    /// <summary>Gets a value indicating whether <see cref="Build"/> has created the variables.</summary>
    public bool Built { get; private set; }

    /// <summary>Gets the input shape the layer was built with, batch axis included; null for a layer built with several inputs.</summary>
    public Shape? BuiltInputShape { get; private set; }

    /// <summary>Gets the input shapes the layer was built with, one per input (a single entry for most layers).</summary>
    public IReadOnlyList<Shape>? BuiltInputShapes { get; private set; }

    /// <summary>Gets the calls of this layer on symbolic tensors, in call order; each is one node of a graph.</summary>
    public IReadOnlyList<Node> InboundNodes => inboundNodes;

    /// <summary>Gets the output shape for <see cref="BuiltInputShape"/>, batch axis included.</summary>
    public Shape? OutputShape { get; private set; }

    /// <summary>Gets all variables in Keras's order (for example kernel then bias).</summary>
    public virtual IReadOnlyList<KerasVariable> Weights => weights;

    /// <summary>Gets the variables that training updates: none when the layer is frozen.</summary>
    public virtual IReadOnlyList<KerasVariable> TrainableWeights => Trainable ? Weights.Where(w => w.Trainable).ToArray() : [];

    /// <summary>Gets the variables that training does not update by gradient.</summary>
    public virtual IReadOnlyList<KerasVariable> NonTrainableWeights => Trainable ? Weights.Where(w => !w.Trainable).ToArray() : Weights;

    /// <summary>Gets the variables this layer created itself, without those of nested layers.</summary>
    private protected IReadOnlyList<KerasVariable> OwnWeights => weights;

    /// <summary>Counts the scalars in all variables.</summary>
    /// <returns>The parameter count, as Keras's <c>count_params</c>.</returns>
    public long CountParams() => Weights.Sum(w => w.Count);

    /// <summary>Creates the layer's variables for an input shape.</summary>
    /// <param name="inputShape">The input shape, batch axis included.</param>
    /// <exception cref="ArgumentException">The shape does not suit the layer; the message names the layer and shows the shape.</exception>
    public void Build(Shape inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (Built)
        {
            if (BuiltInputShape is not null && !IsCompatible(BuiltInputShape, inputShape))
            {
                throw new ArgumentException(
                    $"Layer \"{Name}\" ({ClassName}) was built for input shape {BuiltInputShape} and cannot take {inputShape}.", nameof(inputShape));
            }

            return;
        }

        ValidateInputShape(inputShape);
        BuildCore(inputShape);
        BuiltInputShape = inputShape;
        BuiltInputShapes = [inputShape];
        Built = true;
        OutputShape = ComputeOutputShape(inputShape);
    }

    /// <summary>Creates the variables of a layer that takes several inputs, such as <c>Add</c> or <c>Concatenate</c>.</summary>
    /// <param name="inputShapes">One shape per input, batch axis included.</param>
    /// <exception cref="ArgumentException">The shapes do not suit the layer; the message names the layer and shows the shapes.</exception>
    public void Build(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        if (inputShapes.Count == 1)
        {
            Build(inputShapes[0]);
            return;
        }

        if (Built)
        {
            var compatible = BuiltInputShapes is { } built && built.Count == inputShapes.Count
                && built.Zip(inputShapes).All(pair => IsCompatible(pair.First, pair.Second));
            if (!compatible)
            {
                throw new ArgumentException(
                    $"Layer \"{Name}\" ({ClassName}) was built for input shapes {FormatShapes(BuiltInputShapes)} and cannot take {FormatShapes(inputShapes)}.",
                    nameof(inputShapes));
            }

            return;
        }

        ValidateInputShapes(inputShapes);
        BuildCore(inputShapes);
        BuiltInputShapes = inputShapes.ToArray();
        Built = true;
        OutputShape = ComputeOutputShape(inputShapes);
    }

    /// <summary>Computes the output shape for an input shape without building.</summary>
    /// <param name="inputShape">The input shape, batch axis included.</param>
    /// <returns>The output shape, batch axis included.</returns>
    /// <remarks>
    /// The default runs the built layer once on zeros with a batch of one, which suits custom layers;
    /// built-in layers compute the shape directly.
    /// </remarks>
    public virtual Shape ComputeOutputShape(Shape inputShape) => ShapeInference.InferOutputShapes(this, [inputShape])[0];

    /// <summary>Computes the output shape of a layer that takes several inputs.</summary>
    /// <param name="inputShapes">One shape per input, batch axis included.</param>
    /// <returns>The output shape, batch axis included.</returns>
    public virtual Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        return inputShapes.Count == 1 ? ComputeOutputShape(inputShapes[0]) : ShapeInference.InferOutputShapes(this, inputShapes)[0];
    }

    /// <summary>Computes every output shape; only models with several outputs return more than one.</summary>
    /// <param name="inputShapes">One shape per input, batch axis included.</param>
    /// <returns>One shape per output.</returns>
    internal virtual IReadOnlyList<Shape> ComputeOutputShapes(IReadOnlyList<Shape> inputShapes) => [ComputeOutputShape(inputShapes)];

    /// <summary>Returns the layer's Keras config (the <c>config</c> object of a saved layer).</summary>
    /// <returns>A new JSON object with Keras's keys.</returns>
    public virtual JsonObject GetConfig() => new()
    {
        ["name"] = Name,
        ["trainable"] = Trainable,
        ["dtype"] = "float32",
    };

    /// <inheritdoc/>
    public override string ToString() => $"<{ClassName} name={Name}, built={Built}>";

    /// <summary>Creates the variables; called once by <see cref="Build"/>.</summary>
    /// <param name="inputShape">The input shape, batch axis included.</param>
    protected virtual void BuildCore(Shape inputShape)
    {
    }

    /// <summary>Creates the variables of a layer that takes several inputs; called once by <see cref="Build(IReadOnlyList{Shape})"/>.</summary>
    /// <param name="inputShapes">One shape per input, batch axis included.</param>
    protected virtual void BuildCore(IReadOnlyList<Shape> inputShapes)
    {
    }

    /// <summary>Checks an input shape before building; throws <see cref="ArgumentException"/> when it does not fit.</summary>
    /// <param name="inputShape">The input shape, batch axis included.</param>
    protected virtual void ValidateInputShape(Shape inputShape)
    {
    }

    /// <summary>Checks the shapes of several inputs before building; the default rejects more than one input.</summary>
    /// <param name="inputShapes">One shape per input, batch axis included.</param>
    protected virtual void ValidateInputShapes(IReadOnlyList<Shape> inputShapes)
    {
        throw new ArgumentException(
            $"Layer \"{Name}\" ({ClassName}) expects 1 input, but it received {inputShapes.Count} input tensors with shapes {FormatShapes(inputShapes)}.",
            nameof(inputShapes));
    }

    /// <summary>Raises the Keras-style error for an input of the wrong rank.</summary>
    /// <param name="inputShape">The received shape.</param>
    /// <param name="expectedRank">The rank the layer needs, batch axis included.</param>
    protected void RequireRank(Shape inputShape, int expectedRank)
    {
        if (inputShape.Rank != expectedRank)
        {
            throw new ArgumentException(
                $"Input 0 of layer \"{Name}\" ({ClassName}) is incompatible with the layer: expected ndim={expectedRank}, found ndim={inputShape.Rank}. Full shape received: {inputShape}.",
                nameof(inputShape));
        }
    }

    /// <summary>Adds a variable in Keras's layout and initialises it; call it from <see cref="BuildCore(Shape)"/>.</summary>
    /// <param name="name">The Keras variable name (<c>kernel</c>, <c>bias</c>...).</param>
    /// <param name="kerasShape">The shape in Keras's layout.</param>
    /// <param name="initializer">The initializer, e.g. <c>Initializer.Get("glorot_uniform")</c>.</param>
    /// <param name="trainable">Whether gradients update it.</param>
    /// <returns>The variable.</returns>
    protected KerasVariable AddWeight(string name, int[] kerasShape, Initializer initializer, bool trainable = true) =>
        AddWeight(name, kerasShape, initializer, trainable, VariableLayout.Identity);

    /// <summary>Returns the tensor of a variable this layer created, for use in <see cref="CallCore(Tensor, bool)"/>.</summary>
    /// <param name="variable">A variable from <see cref="AddWeight(string, int[], Initializer, bool)"/>; its tensor has Keras's layout.</param>
    /// <returns>The live tensor, which gradients flow into.</returns>
    protected static Tensor VariableTensor(KerasVariable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return variable.Value;
    }

    private protected KerasVariable AddWeight(string name, int[] kerasShape, Initializer initializer, bool trainable, VariableLayout layout)
    {
        Tensor value;
        using (no_grad())
        {
            using var keras = initializer.Generate(kerasShape);
            value = layout.FromKeras(keras).to(KerasBackend.Device).contiguous().detach();
        }

        if (trainable)
        {
            value.requires_grad_(true);
        }

        var variable = new KerasVariable(name, $"{Name}/{name}", kerasShape, value.DetachFromDisposeScope(), trainable, layout);
        weights.Add(variable);
        return variable;
    }

    /// <summary>Computes the layer's output, as Keras's <c>call</c>; custom layers override this.</summary>
    /// <param name="inputs">The input, channels_last, batch axis first.</param>
    /// <param name="training">Whether this is a training step (dropout, batch statistics).</param>
    /// <returns>The output, channels_last.</returns>
    /// <exception cref="InvalidOperationException">The layer does not override this method.</exception>
    protected virtual Tensor CallCore(Tensor inputs, bool training) =>
        throw new InvalidOperationException($"Layer \"{Name}\" ({ClassName}) does not override CallCore(Tensor, bool), so it cannot compute an output.");

    /// <summary>
    /// Computes the output of a layer that takes several inputs. A custom layer with several inputs
    /// overrides this and <see cref="ValidateInputShapes"/>, which rejects several inputs by default.
    /// </summary>
    /// <param name="inputs">The inputs, channels_last, batch axis first.</param>
    /// <param name="training">Whether this is a training step.</param>
    /// <returns>The output, channels_last.</returns>
    /// <exception cref="InvalidOperationException">The layer does not override this method.</exception>
    protected virtual Tensor CallCore(IReadOnlyList<Tensor> inputs, bool training) =>
        throw new InvalidOperationException(
            $"Layer \"{Name}\" ({ClassName}) expects 1 input but received {inputs.Count}; override CallCore(IReadOnlyList<Tensor>, bool) to take several.");

    /// <summary>Runs the layer on a backend tensor (rank-4 tensors in NCHW).</summary>
    /// <param name="x">The input.</param>
    /// <param name="training">Whether this is a training step (dropout, batch statistics).</param>
    /// <returns>The output.</returns>
    /// <remarks>Built-in layers override this to compute in the backend layout; the default converts for <see cref="CallCore(Tensor, bool)"/>.</remarks>
    internal virtual Tensor Call(Tensor x, bool training) =>
        TensorLayout.FromChannelsLast(CallCore(TensorLayout.ToChannelsLast(x), training));

    /// <summary>Runs the layer on several backend tensors and returns every output.</summary>
    /// <param name="inputs">The inputs in the backend layout.</param>
    /// <param name="training">Whether this is a training step.</param>
    /// <returns>The outputs in the backend layout.</returns>
    internal virtual IReadOnlyList<Tensor> CallList(IReadOnlyList<Tensor> inputs, bool training)
    {
        if (inputs.Count == 1)
        {
            return [Call(inputs[0], training)];
        }

        var channelsLast = inputs.Select(TensorLayout.ToChannelsLast).ToArray();
        return [TensorLayout.FromChannelsLast(CallCore(channelsLast, training))];
    }

    /// <summary>Records a call on symbolic tensors and returns its index in <see cref="InboundNodes"/>.</summary>
    internal int AddInboundNode(Node node)
    {
        inboundNodes.Add(node);
        return inboundNodes.Count - 1;
    }

    /// <summary>Replaces the output shape after a container changed (Sequential's <c>Add</c> and <c>Pop</c>).</summary>
    private protected void UpdateOutputShape(Shape shape) => OutputShape = shape;

    /// <summary>Renames the layer; models call this when they load a saved name.</summary>
    internal void Rename(string name)
    {
        Name = name;
        foreach (var w in weights)
        {
            w.Path = $"{name}/{w.Name}";
        }
    }

    internal void MoveTo(Device device)
    {
        foreach (var w in Weights)
        {
            w.MoveTo(device);
        }
    }

    /// <summary>Converts a class name to Keras's snake_case, e.g. <c>MaxPooling2D</c> to <c>max_pooling2d</c>.</summary>
    /// <param name="className">The class name.</param>
    /// <returns>The snake_case name.</returns>
    public static string ToSnakeCase(string className)
    {
        var step1 = FirstWordBoundary().Replace(className, "$1_$2");
        var step2 = LowerUpperBoundary().Replace(step1, "$1_$2");
        return NonWord().Replace(step2, string.Empty).ToLowerInvariant();
    }

    /// <summary>Formats several shapes as Keras prints a list of shapes.</summary>
    internal static string FormatShapes(IEnumerable<Shape>? shapes) =>
        shapes is null ? "None" : "[" + string.Join(", ", shapes) + "]";

    private static bool IsCompatible(Shape built, Shape received)
    {
        if (built.Rank != received.Rank)
        {
            return false;
        }

        for (var i = 1; i < built.Rank; i++)
        {
            if (built[i] is not null && received[i] is not null && built[i] != received[i])
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex("(.)([A-Z][a-z]+)")]
    private static partial Regex FirstWordBoundary();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex LowerUpperBoundary();

    [GeneratedRegex(@"[^\w]")]
    private static partial Regex NonWord();
}
