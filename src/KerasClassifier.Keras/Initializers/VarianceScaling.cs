using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Initializers;

/// <summary>
/// Keras's <c>VarianceScaling</c> family: Glorot, He and LeCun initializers, uniform or truncated normal.
/// </summary>
public sealed class VarianceScaling : Initializer
{
    private readonly string className;

    /// <summary>Initializes a new instance of the <see cref="VarianceScaling"/> class.</summary>
    /// <param name="scale">The variance scale (1.0 for Glorot and LeCun, 2.0 for He).</param>
    /// <param name="mode">The fan to scale by.</param>
    /// <param name="distribution"><c>uniform</c>, <c>truncated_normal</c> or <c>untruncated_normal</c>.</param>
    /// <param name="className">The Keras class name this instance stands for.</param>
    public VarianceScaling(double scale = 1.0, FanMode mode = FanMode.FanIn, string distribution = "truncated_normal", string className = "VarianceScaling")
    {
        if (scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Expected a positive scale.");
        }

        if (distribution is not ("uniform" or "truncated_normal" or "untruncated_normal" or "normal"))
        {
            throw new ArgumentException(
                $"Invalid distribution '{distribution}'; expected uniform, truncated_normal or untruncated_normal.", nameof(distribution));
        }

        Scale = scale;
        Mode = mode;
        Distribution = distribution == "normal" ? "truncated_normal" : distribution;
        this.className = className;
    }

    /// <summary>Gets the variance scale.</summary>
    public double Scale { get; }

    /// <summary>Gets the fan mode.</summary>
    public FanMode Mode { get; }

    /// <summary>Gets the distribution name.</summary>
    public string Distribution { get; }

    /// <inheritdoc/>
    public override string ClassName => className;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        if (className != "VarianceScaling")
        {
            return base.GetConfig();
        }

        return new JsonObject
        {
            ["scale"] = Scale,
            ["mode"] = Mode switch { FanMode.FanIn => "fan_in", FanMode.FanOut => "fan_out", _ => "fan_avg" },
            ["distribution"] = Distribution,
            ["seed"] = null,
        };
    }

    internal override Tensor Generate(int[] kerasShape)
    {
        var (fanIn, fanOut) = ComputeFans(kerasShape);
        var fan = Mode switch
        {
            FanMode.FanIn => fanIn,
            FanMode.FanOut => fanOut,
            _ => (fanIn + fanOut) / 2,
        };
        var variance = Scale / Math.Max(1.0, fan);
        var shape = kerasShape.Select(d => (long)d).ToArray();

        if (Distribution == "uniform")
        {
            var limit = Math.Sqrt(3.0 * variance);
            return rand(shape) * (2 * limit) - limit;
        }

        if (Distribution == "untruncated_normal")
        {
            return randn(shape) * Math.Sqrt(variance);
        }

        // 0.879... is the standard deviation of a unit normal truncated to two standard deviations.
        var stddev = Math.Sqrt(variance) / 0.87962566103423978;
        var values = empty(shape);
        nn.init.trunc_normal_(values, 0.0, stddev, -2 * stddev, 2 * stddev);
        return values;
    }
}
