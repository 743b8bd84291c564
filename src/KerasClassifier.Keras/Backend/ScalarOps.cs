using TorchSharp;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Backend;

/// <summary>
/// Tensor arithmetic with a number, through Scalars that stay alive until the native call returns.
/// </summary>
/// <remarks>
/// TorchSharp turns a double argument into a temporary Scalar and passes only its native handle on,
/// and <c>add(Scalar)</c> adds a temporary alpha of 1 the same way. Once the handle is read, the
/// garbage collector may finalize the temporary and free the handle while libtorch still reads it.
/// Training then fails at random with "Unknown scalar type", which happened on the per-step
/// augmentation and optimizer paths once image decoding made collections frequent. Code that runs
/// every step uses these methods instead. NOTE: every other tensor operator with a number, and
/// TorchSharp's own tensor-plus-tensor operator, still makes such temporaries.
/// </remarks>
internal static class ScalarOps
{
    /// <summary>Returns <c>x * factor + offset</c> as a new tensor.</summary>
    public static Tensor MultiplyAdd(Tensor x, double factor, double offset)
    {
        using var factorScalar = factor.ToScalar();
        using var offsetScalar = offset.ToScalar();
        using var unitAlpha = 1.0.ToScalar();
        using var product = x.mul(factorScalar);
        return product.add(offsetScalar, unitAlpha);
    }

    /// <summary>Returns <c>x * factor</c> as a new tensor.</summary>
    public static Tensor Multiply(Tensor x, double factor)
    {
        using var factorScalar = factor.ToScalar();
        return x.mul(factorScalar);
    }

    /// <summary>Adds <paramref name="value"/> to every element of <paramref name="x"/> in place and returns it.</summary>
    public static Tensor AddInPlace(Tensor x, double value)
    {
        using var valueScalar = value.ToScalar();
        using var unitAlpha = 1.0.ToScalar();
        return x.add_(valueScalar, unitAlpha);
    }

    /// <summary>Returns the element-wise comparison <c>x &lt; value</c>.</summary>
    public static Tensor LessThan(Tensor x, double value)
    {
        using var valueScalar = value.ToScalar();
        return x.lt(valueScalar);
    }

    /// <summary>Returns <c>x</c> clamped to [<paramref name="min"/>, <paramref name="max"/>] as a new tensor.</summary>
    public static Tensor Clamp(Tensor x, double min, double max)
    {
        using var minScalar = min.ToScalar();
        using var maxScalar = max.ToScalar();
        return x.clamp(minScalar, maxScalar);
    }

    /// <summary>Returns <c>x + y</c>, with the alpha of 1 that TorchSharp's operator would make as a temporary.</summary>
    public static Tensor Add(Tensor x, Tensor y)
    {
        using var unitAlpha = 1.0.ToScalar();
        return x.add(y, unitAlpha);
    }

    /// <summary>Updates a moving average in place, <c>average = average * momentum + value * weight</c>, and returns it.</summary>
    public static Tensor MovingAverageInPlace(Tensor average, double momentum, Tensor value, double weight)
    {
        using var momentumScalar = momentum.ToScalar();
        using var weightScalar = weight.ToScalar();
        return average.mul_(momentumScalar).add_(value, weightScalar);
    }
}
