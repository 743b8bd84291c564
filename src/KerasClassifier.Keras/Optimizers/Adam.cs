using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Optimizers;

/// <summary>
/// Adam with Keras's update rule and defaults (learning rate 1e-3, epsilon 1e-7), which differ from
/// PyTorch's: epsilon is added after the bias correction is folded into the step size.
/// </summary>
public class Adam : Optimizer
{
    /// <summary>Initializes a new instance of the <see cref="Adam"/> class.</summary>
    /// <param name="learningRate">The learning rate (default 0.001).</param>
    /// <param name="beta1">The decay of the first moment (default 0.9).</param>
    /// <param name="beta2">The decay of the second moment (default 0.999).</param>
    /// <param name="epsilon">Added to the root of the second moment (default 1e-7).</param>
    /// <param name="amsgrad">Whether to keep the maximum second moment (default false).</param>
    /// <param name="name">The optimizer name (default <c>adam</c>).</param>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false, string name = "adam")
        : base(learningRate, name)
    {
        if (beta1 is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Invalid beta1 for Adam; expected a value in [0, 1).");
        }

        if (beta2 is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Invalid beta2 for Adam; expected a value in [0, 1).");
        }

        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Invalid epsilon for Adam; expected a positive value.");
        }

        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        Amsgrad = amsgrad;
    }

    /// <summary>Gets the first-moment decay.</summary>
    public double Beta1 { get; }

    /// <summary>Gets the second-moment decay.</summary>
    public double Beta2 { get; }

    /// <summary>Gets epsilon.</summary>
    public double Epsilon { get; }

    /// <summary>Gets a value indicating whether AMSGrad is on.</summary>
    public bool Amsgrad { get; }

    /// <summary>Creates the optimizer from its Keras config, Keras 2 keys (<c>lr</c>) included.</summary>
    /// <param name="config">The <c>config</c> object of a saved optimizer.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="NotSupportedException">The config uses a learning-rate schedule, EMA or another option this library lacks.</exception>
    public static Adam FromConfig(JsonObject config)
    {
        var reader = OptimizerConfig.Read(config, nameof(Adam));
        return new Adam(
            OptimizerConfig.LearningRate(reader, 0.001),
            reader.GetDouble("beta_1", 0.9),
            reader.GetDouble("beta_2", 0.999),
            reader.GetDouble("epsilon", 1e-7),
            reader.GetBool("amsgrad", false),
            reader.GetName() ?? "adam")
        {
            WeightDecay = OptimizerConfig.WeightDecay(reader),
            ClipNorm = OptimizerConfig.ClipNorm(reader),
            ClipValue = OptimizerConfig.ClipValue(reader),
            GlobalClipNorm = OptimizerConfig.GlobalClipNorm(reader),
        };
    }

    /// <inheritdoc/>
    private protected override string[] SlotNames => Amsgrad ? ["momentum", "velocity", "velocity_hat"] : ["momentum", "velocity"];

    /// <inheritdoc/>
    private protected override IReadOnlyList<string[]> SlotGroups => Amsgrad ? [["momentum", "velocity"], ["velocity_hat"]] : [SlotNames];

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["beta_1"] = Beta1;
        config["beta_2"] = Beta2;
        config["epsilon"] = Epsilon;
        config["amsgrad"] = Amsgrad;
        return config;
    }

    /// <inheritdoc/>
    private protected override void UpdateStep(Tensor variable, Tensor gradient, KerasVariable[] variableSlots, long step, double learningRate)
    {
        var m = variableSlots[0].Value;
        var v = variableSlots[1].Value;
        var stepSize = learningRate * Math.Sqrt(1 - Math.Pow(Beta2, step)) / (1 - Math.Pow(Beta1, step));

        // Explicit Scalars, because a double argument becomes a temporary Scalar that the finalizer may
        // free while libtorch still reads it (see ScalarOps), and that otherwise lives until the next
        // garbage collection: six per variable per step here.
        using var beta1 = Beta1.ToScalar();
        using var oneMinusBeta1 = (1 - Beta1).ToScalar();
        using var beta2 = Beta2.ToScalar();
        using var oneMinusBeta2 = (1 - Beta2).ToScalar();
        using var epsilon = Epsilon.ToScalar();
        using var negativeStepSize = (-stepSize).ToScalar();
        using var unitAlpha = 1.0.ToScalar();

        // Keras's m += (g - m) * (1 - beta_1) and v += (g^2 - v) * (1 - beta_2), in place: equal up to
        // float rounding, and five times cheaper than the expression form with its eight temporaries.
        m.mul_(beta1).add_(gradient, alpha: oneMinusBeta1);
        v.mul_(beta2).addcmul_(gradient, gradient, value: oneMinusBeta2);

        var denominatorSource = v;
        if (Amsgrad)
        {
            var vHat = variableSlots[2].Value;
            vHat.copy_(maximum(vHat, v));
            denominatorSource = vHat;
        }

        variable.addcdiv_(m, denominatorSource.sqrt().add_(epsilon, unitAlpha), value: negativeStepSize);
    }
}
