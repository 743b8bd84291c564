using static TorchSharp.torch;

namespace KerasClassifier.Keras;

/// <summary>How a variable's backend tensor maps to the layout Keras stores it in.</summary>
internal sealed class VariableLayout
{
    private VariableLayout(Func<Tensor, Tensor> toKeras, Func<Tensor, Tensor> fromKeras)
    {
        ToKeras = toKeras;
        FromKeras = fromKeras;
    }

    /// <summary>Gets the layout where backend and Keras agree (biases, Dense kernels, BN statistics).</summary>
    public static VariableLayout Identity { get; } = new(t => t, t => t);

    /// <summary>Gets the Conv2D kernel layout: Keras (kh, kw, in, out) against libtorch (out, in, kh, kw).</summary>
    public static VariableLayout Conv2DKernel { get; } = new(t => t.permute(2, 3, 1, 0), t => t.permute(3, 2, 0, 1).contiguous());

    /// <summary>Gets the converter from the backend layout to Keras's.</summary>
    public Func<Tensor, Tensor> ToKeras { get; }

    /// <summary>Gets the converter from Keras's layout to the backend's.</summary>
    public Func<Tensor, Tensor> FromKeras { get; }

    /// <summary>Creates a layout from a pair of conversions; each must invert the other.</summary>
    public static VariableLayout Create(Func<Tensor, Tensor> toKeras, Func<Tensor, Tensor> fromKeras) => new(toKeras, fromKeras);
}
