using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Applications;

/// <summary>Argument checks and building blocks shared by the application models.</summary>
internal static class ApplicationChecks
{
    /// <summary>Checks the top-related arguments as Keras's applications do.</summary>
    public static void RequireTop(bool includeTop, int classes, string? pooling, string model)
    {
        if (includeTop && classes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"Invalid classes for {model}; expected a positive count.");
        }

        if (pooling is not (null or "avg" or "max"))
        {
            throw new ArgumentException($"Invalid pooling '{pooling}' for {model}; expected null, 'avg' or 'max'.", nameof(pooling));
        }
    }

    /// <summary>Adds the classification top, or the optional pooling of a model without one.</summary>
    public static KerasTensor Head(KerasTensor x, bool includeTop, int classes, string activation, string? pooling, string averageName, string maxName)
    {
        if (includeTop)
        {
            x = new GlobalAveragePooling2D(name: averageName).Apply(x);
            return new Dense(classes, activation: activation, name: "predictions").Apply(x);
        }

        return pooling switch
        {
            "avg" => new GlobalAveragePooling2D(name: averageName).Apply(x),
            "max" => new GlobalMaxPooling2D(name: maxName).Apply(x),
            _ => x,
        };
    }

    /// <summary>
    /// Returns the zero padding before a strided "valid" convolution that Keras's
    /// <c>imagenet_utils.correct_pad</c> computes: kernel // 2 at the bottom and right, one less at the
    /// top and left when the side is even.
    /// </summary>
    public static Margin2D CorrectPad(Shape shape, int kernel)
    {
        var adjustHeight = shape[1] is { } h ? 1 - h % 2 : 1;
        var adjustWidth = shape[2] is { } w ? 1 - w % 2 : 1;
        var correct = kernel / 2;
        return ((correct - adjustHeight, correct), (correct - adjustWidth, correct));
    }
}
