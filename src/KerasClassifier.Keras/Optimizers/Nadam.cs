using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Optimizers;

/// <summary>
/// Adam with Nesterov momentum, with Keras's update rule and defaults (learning rate 1e-3, epsilon
/// 1e-7), including Keras's momentum schedule <c>u_t = beta1 * (1 - 0.5 * 0.96^t)</c>.
/// </summary>
/// <remarks>
/// Keras keeps the running product of <c>u_t</c> in an extra variable; it depends only on the step
/// count, so this class recomputes it from <see cref="Optimizer.Iterations"/> and a resumed run
/// continues exactly.
/// </remarks>
public sealed class Nadam : Optimizer
{
    private const double ScheduleDecay = 0.96;

    /// <summary>Initializes a new instance of the <see cref="Nadam"/> class.</summary>
    /// <param name="learningRate">The learning rate (default 0.001).</param>
    /// <param name="beta1">The decay of the first moment (default 0.9).</param>
    /// <param name="beta2">The decay of the second moment (default 0.999).</param>
    /// <param name="epsilon">Added to the root of the corrected second moment (default 1e-7).</param>
    /// <param name="name">The optimizer name (default <c>nadam</c>).</param>
    public Nadam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, string name = "nadam")
        : base(learningRate, name)
    {
        if (beta1 is < 0 or >= 1 || double.IsNaN(beta1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Invalid beta1 for Nadam; expected a value in [0, 1).");
        }

        if (beta2 is < 0 or >= 1 || double.IsNaN(beta2))
        {
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Invalid beta2 for Nadam; expected a value in [0, 1).");
        }

        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Invalid epsilon for Nadam; expected a positive value.");
        }

        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Gets the first-moment decay.</summary>
    public double Beta1 { get; }

    /// <summary>Gets the second-moment decay.</summary>
    public double Beta2 { get; }

    /// <summary>Gets epsilon.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    private protected override string[] SlotNames => ["momentum", "velocity"];

    /// <summary>Creates the optimizer from its Keras config.</summary>
    /// <param name="config">The <c>config</c> object of a saved optimizer.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="NotSupportedException">The config uses a learning-rate schedule, EMA or another option this library lacks.</exception>
    public static Nadam FromConfig(JsonObject config)
    {
        var reader = OptimizerConfig.Read(config, nameof(Nadam));
        return new Nadam(
            OptimizerConfig.LearningRate(reader, 0.001),
            reader.GetDouble("beta_1", 0.9),
            reader.GetDouble("beta_2", 0.999),
            reader.GetDouble("epsilon", 1e-7),
            reader.GetName() ?? "nadam")
        {
            WeightDecay = OptimizerConfig.WeightDecay(reader),
            ClipNorm = OptimizerConfig.ClipNorm(reader),
            ClipValue = OptimizerConfig.ClipValue(reader),
            GlobalClipNorm = OptimizerConfig.GlobalClipNorm(reader),
        };
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["beta_1"] = Beta1;
        config["beta_2"] = Beta2;
        config["epsilon"] = Epsilon;
        return config;
    }

    /// <inheritdoc/>
    private protected override void UpdateStep(Tensor variable, Tensor gradient, KerasVariable[] variableSlots, long step, double learningRate)
    {
        var m = variableSlots[0].Value;
        var v = variableSlots[1].Value;
        var u = MomentumSchedule(step);
        var uNext = MomentumSchedule(step + 1);
        var product = MomentumProduct(step);
        var productNext = product * uNext;

        m.add_((gradient - m) * (1 - Beta1));
        v.add_((gradient.square() - v) * (1 - Beta2));
        var mHat = m * (uNext / (1 - productNext)) + gradient * ((1 - u) / (1 - product));
        var vHat = v / (1 - Math.Pow(Beta2, step));
        variable.sub_(mHat * learningRate / (vHat.sqrt() + Epsilon));
    }

    private double MomentumSchedule(long step) => Beta1 * (1 - 0.5 * Math.Pow(ScheduleDecay, step));

    /// <summary>Returns the product of <c>u_1 .. u_step</c>, Keras's <c>u_product</c> after the step's update.</summary>
    private double MomentumProduct(long step)
    {
        var product = 1.0;
        for (var t = 1; t <= step; t++)
        {
            product *= MomentumSchedule(t);
        }

        return product;
    }
}
