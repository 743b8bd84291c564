using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Optimizers;

/// <summary>
/// Adagrad with Keras's update rule and defaults (learning rate 1e-3, initial accumulator 0.1,
/// epsilon 1e-7): <c>a += g²</c>, step <c>lr * g / sqrt(a + epsilon)</c>.
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Initializes a new instance of the <see cref="Adagrad"/> class.</summary>
    /// <param name="learningRate">The learning rate (default 0.001).</param>
    /// <param name="initialAccumulatorValue">The accumulators' starting value (default 0.1); 0 or more.</param>
    /// <param name="epsilon">Added to the accumulator inside the square root (default 1e-7).</param>
    /// <param name="name">The optimizer name (default <c>adagrad</c>).</param>
    public Adagrad(double learningRate = 0.001, double initialAccumulatorValue = 0.1, double epsilon = 1e-7, string name = "adagrad")
        : base(learningRate, name)
    {
        if (!(initialAccumulatorValue >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(initialAccumulatorValue), initialAccumulatorValue, "Invalid initialAccumulatorValue for Adagrad; expected 0 or more.");
        }

        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Invalid epsilon for Adagrad; expected a positive value.");
        }

        InitialAccumulatorValue = initialAccumulatorValue;
        Epsilon = epsilon;
    }

    /// <summary>Gets the accumulators' starting value.</summary>
    public double InitialAccumulatorValue { get; }

    /// <summary>Gets epsilon.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    private protected override string[] SlotNames => ["accumulator"];

    /// <summary>Creates the optimizer from its Keras config.</summary>
    /// <param name="config">The <c>config</c> object of a saved optimizer.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="NotSupportedException">The config uses a learning-rate schedule, EMA or another option this library lacks.</exception>
    public static Adagrad FromConfig(JsonObject config)
    {
        var reader = OptimizerConfig.Read(config, nameof(Adagrad));
        return new Adagrad(
            OptimizerConfig.LearningRate(reader, 0.001),
            reader.GetDouble("initial_accumulator_value", 0.1),
            reader.GetDouble("epsilon", 1e-7),
            reader.GetName() ?? "adagrad")
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
        config["initial_accumulator_value"] = InitialAccumulatorValue;
        config["epsilon"] = Epsilon;
        return config;
    }

    /// <inheritdoc/>
    private protected override double SlotInitialValue(string slot) => InitialAccumulatorValue;

    /// <inheritdoc/>
    private protected override void UpdateStep(Tensor variable, Tensor gradient, KerasVariable[] variableSlots, long step, double learningRate)
    {
        var accumulator = variableSlots[0].Value;
        accumulator.add_(gradient.square());
        variable.sub_(gradient * learningRate / (accumulator + Epsilon).sqrt());
    }
}
