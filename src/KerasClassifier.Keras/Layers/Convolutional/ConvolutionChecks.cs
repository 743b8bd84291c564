namespace KerasClassifier.Keras.Layers;

/// <summary>Argument and input-shape checks shared by the convolution layers, with Keras-style messages.</summary>
internal static class ConvolutionChecks
{
    /// <summary>Rejects strides and dilation both above 1, which Keras does not allow together.</summary>
    public static void RequireStridesOrDilation(Size2D strides, Size2D dilation, string className)
    {
        if ((strides.Height > 1 || strides.Width > 1) && (dilation.Height > 1 || dilation.Width > 1))
        {
            throw new ArgumentException($"{className} strides {strides} and dilationRate {dilation} cannot both exceed 1.", "dilationRate");
        }
    }

    /// <summary>Checks a rank-4 input with known channels and a non-empty output.</summary>
    public static void RequireImageInput(Layer layer, Shape inputShape, Shape outputShape, Size2D kernel, string padding) =>
        RequireInput(layer, inputShape, outputShape, 4, kernel.ToString(), padding);

    /// <summary>Checks an input of the given rank with known channels and a non-empty output.</summary>
    public static void RequireInput(Layer layer, Shape inputShape, Shape outputShape, int rank, string kernel, string padding)
    {
        if (inputShape.Rank != rank)
        {
            throw new ArgumentException(
                $"Input 0 of layer \"{layer.Name}\" ({layer.ClassName}) is incompatible with the layer: expected ndim={rank}, found ndim={inputShape.Rank}. Full shape received: {inputShape}.",
                nameof(inputShape));
        }

        if (inputShape[-1] is null)
        {
            throw new ArgumentException(
                $"Layer \"{layer.Name}\" ({layer.ClassName}) needs a known channel count; received input shape {inputShape}.", nameof(inputShape));
        }

        for (var axis = 1; axis < rank - 1; axis++)
        {
            if (outputShape[axis] == 0)
            {
                throw new ArgumentException(
                    $"Layer \"{layer.Name}\" ({layer.ClassName}) with kernel {kernel} and padding '{padding}' gives an empty output for input shape {inputShape}; use a larger input or padding='same'.",
                    nameof(inputShape));
            }
        }
    }
}
