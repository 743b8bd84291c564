using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Optimizers;

/// <summary>
/// Stochastic gradient descent with Keras's momentum rule: <c>m = momentum * m - lr * g; w += m</c>
/// (PyTorch keeps <c>buf = momentum * buf + g</c> instead, so slots are not interchangeable).
/// </summary>
public sealed class SGD : Optimizer
{
    /// <summary>Initializes a new instance of the <see cref="SGD"/> class.</summary>
    /// <param name="learningRate">The learning rate (default 0.01).</param>
    /// <param name="momentum">The momentum in [0, 1] (default 0).</param>
    /// <param name="nesterov">Whether to use Nesterov momentum (default false).</param>
    /// <param name="name">The optimizer name (default <c>SGD</c>).</param>
    public SGD(double learningRate = 0.01, double momentum = 0, bool nesterov = false, string name = "SGD")
        : base(learningRate, name)
    {
        if (momentum is < 0 or > 1 || double.IsNaN(momentum))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Invalid momentum for SGD; expected a value in [0, 1].");
        }

        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>Gets the momentum.</summary>
    public double Momentum { get; }

    /// <summary>Gets a value indicating whether Nesterov momentum is on.</summary>
    public bool Nesterov { get; }

    /// <summary>Creates the optimizer from its Keras config, Keras 2 keys (<c>lr</c>) included.</summary>
    /// <param name="config">The <c>config</c> object of a saved optimizer.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="NotSupportedException">The config uses a learning-rate schedule, EMA or another option this library lacks.</exception>
    public static SGD FromConfig(JsonObject config)
    {
        var reader = OptimizerConfig.Read(config, nameof(SGD));
        return new SGD(
            OptimizerConfig.LearningRate(reader, 0.01),
            reader.GetDouble("momentum", 0),
            reader.GetBool("nesterov", false),
            reader.GetName() ?? "SGD")
        {
            WeightDecay = OptimizerConfig.WeightDecay(reader),
            ClipNorm = OptimizerConfig.ClipNorm(reader),
            ClipValue = OptimizerConfig.ClipValue(reader),
            GlobalClipNorm = OptimizerConfig.GlobalClipNorm(reader),
        };
    }

    /// <inheritdoc/>
    private protected override string[] SlotNames => Momentum > 0 ? ["momentum"] : [];

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["momentum"] = Momentum;
        config["nesterov"] = Nesterov;
        return config;
    }

    /// <inheritdoc/>
    private protected override void UpdateStep(Tensor variable, Tensor gradient, KerasVariable[] variableSlots, long step, double learningRate)
    {
        if (Momentum == 0)
        {
            variable.sub_(gradient * learningRate);
            return;
        }

        var m = variableSlots[0].Value;
        m.mul_(Momentum).sub_(gradient * learningRate);
        if (Nesterov)
        {
            variable.add_(m * Momentum - gradient * learningRate);
        }
        else
        {
            variable.add_(m);
        }
    }
}
