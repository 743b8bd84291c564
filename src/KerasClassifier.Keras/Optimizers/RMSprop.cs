using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Optimizers;

/// <summary>
/// RMSprop with Keras's update rule and defaults (learning rate 1e-3, rho 0.9, epsilon 1e-7):
/// <c>v = rho * v + (1 - rho) * g²</c>, step <c>lr * g / sqrt(v + epsilon)</c> with epsilon inside the
/// root (PyTorch adds it outside), optional plain momentum on the step and a centered variance.
/// </summary>
public sealed class RMSprop : Optimizer
{
    /// <summary>Initializes a new instance of the <see cref="RMSprop"/> class.</summary>
    /// <param name="learningRate">The learning rate (default 0.001).</param>
    /// <param name="rho">The decay of the squared-gradient average (default 0.9), in [0, 1).</param>
    /// <param name="momentum">The momentum on the step (default 0), in [0, 1).</param>
    /// <param name="epsilon">Added to the average inside the square root (default 1e-7).</param>
    /// <param name="centered">Whether to subtract the squared mean gradient from the average (default false).</param>
    /// <param name="name">The optimizer name (default <c>rmsprop</c>).</param>
    public RMSprop(double learningRate = 0.001, double rho = 0.9, double momentum = 0, double epsilon = 1e-7, bool centered = false, string name = "rmsprop")
        : base(learningRate, name)
    {
        if (rho is < 0 or >= 1 || double.IsNaN(rho))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "Invalid rho for RMSprop; expected a value in [0, 1).");
        }

        if (momentum is < 0 or >= 1 || double.IsNaN(momentum))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Invalid momentum for RMSprop; expected a value in [0, 1).");
        }

        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Invalid epsilon for RMSprop; expected a positive value.");
        }

        Rho = rho;
        Momentum = momentum;
        Epsilon = epsilon;
        Centered = centered;
    }

    /// <summary>Gets rho.</summary>
    public double Rho { get; }

    /// <summary>Gets the momentum.</summary>
    public double Momentum { get; }

    /// <summary>Gets epsilon.</summary>
    public double Epsilon { get; }

    /// <summary>Gets a value indicating whether the variance is centered.</summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    private protected override string[] SlotNames =>
        [.. SlotGroups.SelectMany(g => g)];

    /// <inheritdoc/>
    /// <remarks>Keras builds every velocity, then every momentum, then every average gradient.</remarks>
    private protected override IReadOnlyList<string[]> SlotGroups
    {
        get
        {
            var groups = new List<string[]> { new[] { "velocity" } };
            if (Momentum > 0)
            {
                groups.Add(["momentum"]);
            }

            if (Centered)
            {
                groups.Add(["average_gradient"]);
            }

            return groups;
        }
    }

    /// <summary>Creates the optimizer from its Keras config.</summary>
    /// <param name="config">The <c>config</c> object of a saved optimizer.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="NotSupportedException">The config uses a learning-rate schedule, EMA or another option this library lacks.</exception>
    public static RMSprop FromConfig(JsonObject config)
    {
        var reader = OptimizerConfig.Read(config, nameof(RMSprop));
        return new RMSprop(
            OptimizerConfig.LearningRate(reader, 0.001),
            reader.GetDouble("rho", 0.9),
            reader.GetDouble("momentum", 0),
            reader.GetDouble("epsilon", 1e-7),
            reader.GetBool("centered", false),
            reader.GetName() ?? "rmsprop")
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
        config["rho"] = Rho;
        config["momentum"] = Momentum;
        config["epsilon"] = Epsilon;
        config["centered"] = Centered;
        return config;
    }

    /// <inheritdoc/>
    private protected override void UpdateStep(Tensor variable, Tensor gradient, KerasVariable[] variableSlots, long step, double learningRate)
    {
        var velocity = variableSlots[0].Value;
        velocity.mul_(Rho).add_(gradient.square() * (1 - Rho));

        Tensor denominator;
        if (Centered)
        {
            var average = variableSlots[Momentum > 0 ? 2 : 1].Value;
            average.mul_(Rho).add_(gradient * (1 - Rho));
            denominator = velocity - average.square() + Epsilon;
        }
        else
        {
            denominator = velocity + Epsilon;
        }

        var increment = gradient * learningRate / denominator.sqrt();
        if (Momentum > 0)
        {
            var momentum = variableSlots[1].Value;
            momentum.mul_(Momentum).add_(increment);
            variable.sub_(momentum);
        }
        else
        {
            variable.sub_(increment);
        }
    }
}
