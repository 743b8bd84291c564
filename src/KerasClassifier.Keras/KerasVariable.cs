using TorchSharp;
using static TorchSharp.torch;

namespace KerasClassifier.Keras;

/// <summary>
/// A layer or optimizer variable (<c>kernel</c>, <c>bias</c>, <c>moving_mean</c>, <c>iteration</c>...),
/// read and written in Keras's layout whatever layout the backend computes in.
/// </summary>
public sealed class KerasVariable
{
    private readonly VariableLayout layout;

    internal VariableLayout Layout => layout;

    internal KerasVariable(string name, string path, int[] kerasShape, Tensor value, bool trainable, VariableLayout layout)
    {
        Name = name;
        Path = path;
        Shape = kerasShape;
        Value = value;
        Trainable = trainable;
        this.layout = layout;
    }

    /// <summary>Gets the variable's name inside its owner, e.g. <c>kernel</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the owner-qualified path, e.g. <c>conv2d/kernel</c>.</summary>
    public string Path { get; internal set; }

    /// <summary>Gets the shape in Keras's layout, e.g. <c>(kh, kw, in, out)</c> for a Conv2D kernel.</summary>
    public int[] Shape { get; }

    /// <summary>Gets a value indicating whether gradients update this variable (false for moving statistics).</summary>
    public bool Trainable { get; }

    /// <summary>Gets the number of elements.</summary>
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Gets the element type as Keras names it: <c>float32</c> or <c>int64</c>.</summary>
    public string DType => Value.dtype == ScalarType.Int64 ? "int64" : "float32";

    /// <summary>Gets the backend tensor, in the backend's layout.</summary>
    internal Tensor Value { get; private set; }

    /// <summary>Copies the value out in Keras's layout, row-major.</summary>
    /// <returns>The values.</returns>
    /// <exception cref="InvalidOperationException">The variable is not float32.</exception>
    public float[] GetValue()
    {
        if (Value.dtype != ScalarType.Float32)
        {
            throw new InvalidOperationException($"Variable '{Path}' is {DType}; use GetInt64Value.");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return layout.ToKeras(Value.detach()).contiguous().cpu().data<float>().ToArray();
    }

    /// <summary>Copies an int64 variable's value out, such as an optimizer's iteration count.</summary>
    /// <returns>The values.</returns>
    public long[] GetInt64Value()
    {
        using var scope = NewDisposeScope();
        return Value.to_type(ScalarType.Int64).cpu().data<long>().ToArray();
    }

    /// <summary>Overwrites the value from data in Keras's layout.</summary>
    /// <param name="values">Row-major values in Keras's layout; the count must equal <see cref="Count"/>.</param>
    /// <exception cref="ArgumentException">The element count does not match the variable's shape.</exception>
    public void SetValue(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.LongLength != Count)
        {
            throw new ArgumentException(
                $"Variable '{Path}' expects {Count} values for shape {FormatShape(Shape)}, received {values.LongLength}.", nameof(values));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var kerasTensor = tensor(values, Shape.Select(d => (long)d).ToArray());
        var backend = layout.FromKeras(kerasTensor).to(Value.device).to_type(Value.dtype);
        Value.copy_(backend);
    }

    /// <summary>Overwrites an int64 variable's value.</summary>
    /// <param name="values">The values; the count must equal <see cref="Count"/>.</param>
    public void SetInt64Value(long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.LongLength != Count)
        {
            throw new ArgumentException(
                $"Variable '{Path}' expects {Count} values for shape {FormatShape(Shape)}, received {values.LongLength}.", nameof(values));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Value.copy_(tensor(values, Shape.Select(d => (long)d).ToArray()).to(Value.device).to_type(Value.dtype));
    }

    /// <summary>Formats a shape as Keras prints a variable shape, e.g. <c>(3, 3, 1, 32)</c>.</summary>
    internal static string FormatShape(int[] shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";

    internal void MoveTo(Device device)
    {
        if (Value.device.type == device.type)
        {
            return;
        }

        using var noGrad = no_grad();
        var moved = layout.Arrange(Value.to(device)).detach();
        if (Value.requires_grad)
        {
            moved.requires_grad_(true);
        }

        Value.Dispose();
        Value = moved.DetachFromDisposeScope();
    }

    /// <inheritdoc/>
    public override string ToString() => $"<KerasVariable path={Path}, shape={FormatShape(Shape)}, dtype={DType}>";
}
