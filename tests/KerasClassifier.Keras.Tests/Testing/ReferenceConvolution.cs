namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>
/// Plain-loop convolutions of one channels_last image with kernels in Keras's layout, written from
/// the definition, to check how loaded kernels are laid out in the backend.
/// </summary>
internal static class ReferenceConvolution
{
    /// <summary>Convolves with a (kernel, kernel, channels, filters) kernel; cells outside the image are zero.</summary>
    /// <param name="image">The (height, width, channels) image, row-major.</param>
    /// <param name="size">The image height and width.</param>
    /// <param name="channels">The image channels.</param>
    /// <param name="kernel">The kernel, row-major in Keras's layout.</param>
    /// <param name="kernelSize">The kernel height and width.</param>
    /// <param name="filters">The output channels.</param>
    /// <param name="stride">The stride.</param>
    /// <param name="padBefore">The zero rows above and columns left of the image; those below and right follow from the output size.</param>
    /// <param name="outputSize">The output height and width.</param>
    /// <param name="bias">The bias per filter, or null.</param>
    /// <returns>The (outputSize, outputSize, filters) output, row-major.</returns>
    public static float[] Conv2D(float[] image, int size, int channels, float[] kernel, int kernelSize, int filters, int stride, int padBefore, int outputSize, float[]? bias)
    {
        var output = new float[outputSize * outputSize * filters];
        for (var y = 0; y < outputSize; y++)
        {
            for (var x = 0; x < outputSize; x++)
            {
                for (var o = 0; o < filters; o++)
                {
                    double sum = bias?[o] ?? 0;
                    for (var dy = 0; dy < kernelSize; dy++)
                    {
                        for (var dx = 0; dx < kernelSize; dx++)
                        {
                            var row = (y * stride) + dy - padBefore;
                            var column = (x * stride) + dx - padBefore;
                            if (row < 0 || row >= size || column < 0 || column >= size)
                            {
                                continue;
                            }

                            for (var c = 0; c < channels; c++)
                            {
                                sum += image[(((row * size) + column) * channels) + c] * kernel[(((((dy * kernelSize) + dx) * channels) + c) * filters) + o];
                            }
                        }
                    }

                    output[(((y * outputSize) + x) * filters) + o] = (float)sum;
                }
            }
        }

        return output;
    }

    /// <summary>Convolves each channel with its own filter from a (kernel, kernel, channels, 1) depthwise kernel, stride 1, "same" padding.</summary>
    /// <param name="image">The (size, size, channels) image, row-major.</param>
    /// <param name="size">The image height and width.</param>
    /// <param name="channels">The channels.</param>
    /// <param name="kernel">The depthwise kernel, row-major in Keras's layout.</param>
    /// <param name="kernelSize">The kernel height and width, odd.</param>
    /// <returns>The (size, size, channels) output, row-major.</returns>
    public static float[] DepthwiseConv2D(float[] image, int size, int channels, float[] kernel, int kernelSize)
    {
        var output = new float[size * size * channels];
        var pad = kernelSize / 2;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                for (var c = 0; c < channels; c++)
                {
                    double sum = 0;
                    for (var dy = 0; dy < kernelSize; dy++)
                    {
                        for (var dx = 0; dx < kernelSize; dx++)
                        {
                            var row = y + dy - pad;
                            var column = x + dx - pad;
                            if (row >= 0 && row < size && column >= 0 && column < size)
                            {
                                sum += image[(((row * size) + column) * channels) + c] * kernel[(((dy * kernelSize) + dx) * channels) + c];
                            }
                        }
                    }

                    output[(((y * size) + x) * channels) + c] = (float)sum;
                }
            }
        }

        return output;
    }
}
