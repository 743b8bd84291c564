using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Applies Keras's <c>"same"</c> padding to NCHW or NCL tensors before a libtorch convolution or pooling.</summary>
internal static class ConvolutionPadding
{
    /// <summary>
    /// Pads the two spatial axes of an NCHW tensor for <c>"same"</c> output sizes. Symmetric padding is
    /// returned for libtorch to apply; an odd total is padded here with the extra cell after, as TensorFlow does.
    /// </summary>
    /// <returns>The input (padded when asymmetric) and the symmetric padding left for the convolution.</returns>
    public static (Tensor Input, long[] Padding) Same2D(Tensor x, Size2D kernel, Size2D strides, Size2D dilation, double value = 0)
    {
        var (top, bottom) = Padding.Same((int)x.shape[2], kernel.Height, strides.Height, dilation.Height);
        var (left, right) = Padding.Same((int)x.shape[3], kernel.Width, strides.Width, dilation.Width);
        if (top == bottom && left == right && value == 0)
        {
            return (x, [top, left]);
        }

        return (F.pad(x, [left, right, top, bottom], value: value), [0, 0]);
    }

    /// <summary>Pads the length axis of an NCL tensor for <c>"same"</c> (extra cell after) or <c>"causal"</c> (all before) output sizes.</summary>
    public static Tensor Pad1D(Tensor x, string padding, int kernel, int stride, int dilation, double value = 0)
    {
        var (before, after) = padding switch
        {
            "same" => Padding.Same((int)x.shape[2], kernel, stride, dilation),
            "causal" => ((kernel - 1) * dilation, 0),
            _ => (0, 0),
        };
        return before + after == 0 ? x : F.pad(x, [before, after], value: value);
    }
}
