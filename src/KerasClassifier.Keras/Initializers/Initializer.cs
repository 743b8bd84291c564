using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Initializers;

/// <summary>A weight initializer, named and configured as in Keras (<c>glorot_uniform</c>, <c>zeros</c>...).</summary>
public abstract class Initializer
{
    /// <summary>Gets the Keras class name, e.g. <c>GlorotUniform</c>.</summary>
    public abstract string ClassName { get; }

    /// <summary>Returns the Keras config of this initializer.</summary>
    /// <returns>The config object.</returns>
    public virtual JsonObject GetConfig() => new() { ["seed"] = null };

    /// <summary>Resolves an initializer from its Keras name (<c>glorot_uniform</c>) or class name (<c>GlorotUniform</c>).</summary>
    /// <param name="name">The name.</param>
    /// <returns>A new initializer.</returns>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static Initializer Get(string name)
    {
        var key = name.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return key switch
        {
            "glorotuniform" => new VarianceScaling(1.0, FanMode.FanAvg, "uniform", "GlorotUniform"),
            "glorotnormal" => new VarianceScaling(1.0, FanMode.FanAvg, "truncated_normal", "GlorotNormal"),
            "heuniform" => new VarianceScaling(2.0, FanMode.FanIn, "uniform", "HeUniform"),
            "henormal" => new VarianceScaling(2.0, FanMode.FanIn, "truncated_normal", "HeNormal"),
            "lecununiform" => new VarianceScaling(1.0, FanMode.FanIn, "uniform", "LecunUniform"),
            "lecunnormal" => new VarianceScaling(1.0, FanMode.FanIn, "truncated_normal", "LecunNormal"),
            "zeros" => new Constant(0, "Zeros"),
            "ones" => new Constant(1, "Ones"),
            "uniform" or "randomuniform" => new RandomUniform(),
            _ => throw new ArgumentException(
                $"Unknown initializer '{name}'; expected one of glorot_uniform, glorot_normal, he_uniform, he_normal, lecun_uniform, lecun_normal, zeros, ones, uniform.",
                nameof(name)),
        };
    }

    /// <summary>Creates a tensor of the given Keras-layout shape.</summary>
    internal abstract Tensor Generate(int[] kerasShape);

    /// <summary>Computes fan-in and fan-out as Keras does from a Keras-layout shape.</summary>
    internal static (double FanIn, double FanOut) ComputeFans(int[] shape)
    {
        if (shape.Length == 0)
        {
            return (1, 1);
        }

        if (shape.Length == 1)
        {
            return (shape[0], shape[0]);
        }

        if (shape.Length == 2)
        {
            return (shape[0], shape[1]);
        }

        // Convolution kernels: (spatial..., in, out); the receptive field multiplies both fans.
        double receptive = 1;
        for (var i = 0; i < shape.Length - 2; i++)
        {
            receptive *= shape[i];
        }

        return (shape[^2] * receptive, shape[^1] * receptive);
    }
}
