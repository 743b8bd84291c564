using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Initializers;

/// <summary>Draws values uniformly from [minval, maxval), as Keras's <c>RandomUniform</c> (the <c>uniform</c> initializer, default ±0.05).</summary>
public sealed class RandomUniform : Initializer
{
    /// <summary>Initializes a new instance of the <see cref="RandomUniform"/> class.</summary>
    /// <param name="minval">The lower bound (default -0.05).</param>
    /// <param name="maxval">The upper bound (default 0.05); above <paramref name="minval"/>.</param>
    public RandomUniform(double minval = -0.05, double maxval = 0.05)
    {
        if (!(maxval > minval))
        {
            throw new ArgumentException($"Invalid bounds [{minval}, {maxval}) for RandomUniform; expected minval below maxval.", nameof(maxval));
        }

        Minval = minval;
        Maxval = maxval;
    }

    /// <summary>Gets the lower bound.</summary>
    public double Minval { get; }

    /// <summary>Gets the upper bound.</summary>
    public double Maxval { get; }

    /// <inheritdoc/>
    public override string ClassName => "RandomUniform";

    /// <inheritdoc/>
    public override JsonObject GetConfig() => new() { ["minval"] = Minval, ["maxval"] = Maxval, ["seed"] = null };

    internal override Tensor Generate(int[] kerasShape) =>
        rand(kerasShape.Select(d => (long)d).ToArray()) * (Maxval - Minval) + Minval;
}
