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

    /// <summary>Gets the Conv1D kernel layout: Keras (k, in, out) against libtorch (out, in, k).</summary>
    public static VariableLayout Conv1DKernel { get; } = new(t => t.permute(2, 1, 0), t => t.permute(2, 1, 0).contiguous());

    /// <summary>Gets the Conv2DTranspose kernel layout: Keras (kh, kw, out, in) against libtorch (in, out, kh, kw).</summary>
    public static VariableLayout Conv2DTransposeKernel { get; } = new(t => t.permute(2, 3, 1, 0), t => t.permute(3, 2, 0, 1).contiguous());

    /// <summary>Creates the depthwise kernel layout: Keras (kh, kw, in, multiplier) against libtorch (in * multiplier, 1, kh, kw).</summary>
    /// <remarks>Output channel <c>c * multiplier + m</c> reads input channel <c>c</c> in both, so grouped convolution matches Keras.</remarks>
    public static VariableLayout DepthwiseKernel(int depthMultiplier) => new(
        t => t.reshape(t.shape[0] / depthMultiplier, depthMultiplier, t.shape[2], t.shape[3]).permute(2, 3, 0, 1),
        t => t.permute(2, 3, 0, 1).reshape(t.shape[2] * t.shape[3], 1, t.shape[0], t.shape[1]).contiguous());

    /// <summary>Gets the converter from the backend layout to Keras's.</summary>
    public Func<Tensor, Tensor> ToKeras { get; }

    /// <summary>Gets the converter from Keras's layout to the backend's.</summary>
    public Func<Tensor, Tensor> FromKeras { get; }

    /// <summary>Creates a layout from a pair of conversions; each must invert the other.</summary>
    public static VariableLayout Create(Func<Tensor, Tensor> toKeras, Func<Tensor, Tensor> fromKeras) => new(toKeras, fromKeras);
}
