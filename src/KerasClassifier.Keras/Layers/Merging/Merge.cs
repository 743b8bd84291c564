using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// The base of element-wise merge layers (<c>Add</c>, <c>Subtract</c>, <c>Multiply</c>, <c>Average</c>,
/// <c>Maximum</c>): called on a list of tensors of one shape, where a size of 1 broadcasts, as in Keras.
/// </summary>
public abstract class Merge : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Merge"/> class.</summary>
    /// <param name="name">The layer name.</param>
    protected Merge(string? name)
        : base(name)
    {
    }

    /// <summary>Gets the smallest number of inputs the layer takes.</summary>
    private protected virtual int MinInputs => 2;

    /// <summary>Gets the largest number of inputs the layer takes, or null for no limit.</summary>
    private protected virtual int? MaxInputs => null;

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => throw NotAList(inputShape);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        if (inputShapes.Count == 1)
        {
            throw NotAList(inputShapes[0]);
        }

        return inputShapes.Aggregate((a, b) => Broadcast(a, b, inputShapes));
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) => throw NotAList(inputShape);

    /// <inheritdoc/>
    protected override void ValidateInputShapes(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count < MinInputs || inputShapes.Count > (MaxInputs ?? int.MaxValue))
        {
            var expected = MaxInputs == MinInputs ? $"exactly {MinInputs}" : $"at least {MinInputs}";
            throw new ArgumentException(
                $"Layer \"{Name}\" ({ClassName}) should be called on a list of {expected} inputs; received {inputShapes.Count}: {FormatShapes(inputShapes)}.",
                nameof(inputShapes));
        }

        _ = ComputeOutputShape(inputShapes);
    }

    /// <summary>Combines two inputs (or the running result and the next input).</summary>
    private protected abstract Tensor Combine(Tensor accumulated, Tensor next);

    /// <summary>Finishes the combination of all inputs; <c>Average</c> divides here.</summary>
    private protected virtual Tensor Finish(Tensor combined, int inputCount) => combined;

    internal override Tensor Call(Tensor x, bool training) => throw NotAList(new Shape([null, .. x.shape.Skip(1).Select(d => (int?)(int)d)]));

    internal override IReadOnlyList<Tensor> CallList(IReadOnlyList<Tensor> inputs, bool training)
    {
        var result = inputs[0];
        for (var i = 1; i < inputs.Count; i++)
        {
            result = Combine(result, inputs[i]);
        }

        return [Finish(result, inputs.Count)];
    }

    private ArgumentException NotAList(Shape inputShape) => new(
        $"Layer \"{Name}\" ({ClassName}) is a merge layer and should be called on a list of inputs; received one input with shape {inputShape}.",
        "inputShape");

    private Shape Broadcast(Shape a, Shape b, IReadOnlyList<Shape> all)
    {
        if (a.Rank != b.Rank)
        {
            throw Incompatible(all);
        }

        var dims = new int?[a.Rank];
        for (var i = 0; i < a.Rank; i++)
        {
            var (x, y) = (a[i], b[i]);
            dims[i] = (x, y) switch
            {
                (null, _) or (_, null) => x == 1 ? y : y == 1 ? x : null,
                _ when x == y => x,
                _ when x == 1 => y,
                _ when y == 1 => x,
                _ => throw Incompatible(all),
            };
        }

        return new Shape(dims);
    }

    private ArgumentException Incompatible(IReadOnlyList<Shape> shapes) => new(
        $"Layer \"{Name}\" ({ClassName}) received inputs with incompatible shapes {FormatShapes(shapes)}; expected equal shapes, where a size of 1 broadcasts.",
        "inputShapes");
}
