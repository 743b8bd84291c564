namespace KerasClassifier.Keras.Layers;

/// <summary>Output sizes and TensorFlow-style padding for <c>"valid"</c> and <c>"same"</c>.</summary>
internal static class Padding
{
    /// <summary>Throws unless the padding is <c>valid</c> or <c>same</c>; returns it lower-cased.</summary>
    public static string Validate(string padding, string paramName = "padding")
    {
        var value = padding?.ToLowerInvariant();
        if (value is not ("valid" or "same"))
        {
            throw new ArgumentException($"Invalid padding '{padding}'; expected 'valid' or 'same'.", paramName);
        }

        return value;
    }

    /// <summary>Throws unless the padding is <c>valid</c>, <c>same</c> or <c>causal</c> (1D convolutions); returns it lower-cased.</summary>
    public static string ValidateWithCausal(string padding, string paramName = "padding")
    {
        var value = padding?.ToLowerInvariant();
        if (value is not ("valid" or "same" or "causal"))
        {
            throw new ArgumentException($"Invalid padding '{padding}'; expected 'valid', 'same' or 'causal'.", paramName);
        }

        return value;
    }

    /// <summary>Computes an output length along one axis; null stays unknown.</summary>
    public static int? OutputLength(int? input, int kernel, int stride, int dilation, string padding)
    {
        if (input is null)
        {
            return null;
        }

        var effectiveKernel = (kernel - 1) * dilation + 1;
        return padding is "same" or "causal"
            ? (input.Value + stride - 1) / stride
            : Math.Max(0, (input.Value - effectiveKernel) / stride + 1);
    }

    /// <summary>
    /// Computes "same" padding before and after one axis. When the total is odd the extra cell goes
    /// after (bottom or right), as TensorFlow pads, which symmetric libtorch padding cannot express.
    /// </summary>
    public static (int Before, int After) Same(int input, int kernel, int stride, int dilation)
    {
        var effectiveKernel = (kernel - 1) * dilation + 1;
        var output = (input + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + effectiveKernel - input, 0);
        return (total / 2, total - total / 2);
    }
}
