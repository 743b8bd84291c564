using KerasClassifier.Keras;
using KerasClassifier.Keras.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// Copies library variables (read through the public API, in Keras's layout) into torch.nn
/// parameters, so that the hand-written model starts from the same weights as the library's.
/// </summary>
internal static class WeightCopy
{
    /// <summary>Creates a PyTorch (out, in, kh, kw) kernel parameter from a Keras (kh, kw, in, out) kernel.</summary>
    /// <param name="kernel">The Keras kernel variable.</param>
    /// <param name="channelsLast">Whether the parameter gets channels_last strides (in fastest), as PyTorch's memory format of that name.</param>
    /// <returns>A new parameter that requires gradients.</returns>
    public static Parameter Conv2DKernel(KerasVariable kernel, bool channelsLast)
    {
        using var scope = NewDisposeScope();
        var hwio = tensor(kernel.GetValue(), kernel.Shape.Select(d => (long)d).ToArray());

        // (kh, kw, in, out) -> (out, kh, kw, in) laid out densely, then viewed as (out, in, kh, kw).
        var ohwi = hwio.permute(3, 0, 1, 2).contiguous();
        var oihw = channelsLast ? ohwi.permute(0, 3, 1, 2) : ohwi.permute(0, 3, 1, 2).contiguous();
        return new Parameter(oihw.detach().MoveToOuterDisposeScope());
    }

    /// <summary>Copies gamma, beta and the moving statistics of a BatchNormalization layer.</summary>
    /// <param name="target">The torch.nn module.</param>
    /// <param name="source">The library layer, with scale and center on.</param>
    public static void BatchNorm(BatchNorm2d target, BatchNormalization source)
    {
        Into(target.weight, source.Weights[0]);
        Into(target.bias!, source.Weights[1]);
        Into(target.running_mean!, source.Weights[2]);
        Into(target.running_var!, source.Weights[3]);
    }

    /// <summary>Copies a variable's values into an existing tensor of the same element count.</summary>
    /// <param name="target">The parameter or buffer to overwrite.</param>
    /// <param name="source">The library variable.</param>
    /// <param name="transpose">Whether to transpose a 2D Keras (in, out) kernel to PyTorch's (out, in).</param>
    public static void Into(Tensor target, KerasVariable source, bool transpose = false)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var values = tensor(source.GetValue(), source.Shape.Select(d => (long)d).ToArray());
        target.copy_(transpose ? values.t() : values.reshape(target.shape));
    }
}
