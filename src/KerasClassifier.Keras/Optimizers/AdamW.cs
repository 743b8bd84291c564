using System.Text.Json.Nodes;
using KerasClassifier.Keras.Saving.Serialization;

namespace KerasClassifier.Keras.Optimizers;

/// <summary>
/// Adam with decoupled weight decay, as Keras's <c>AdamW</c>: each step first shrinks every variable
/// by <c>lr * weightDecay</c>, then applies Keras's Adam update.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Initializes a new instance of the <see cref="AdamW"/> class.</summary>
    /// <param name="learningRate">The learning rate (default 0.001).</param>
    /// <param name="weightDecay">The decoupled weight decay (default 0.004, Keras's); 0 or more.</param>
    /// <param name="beta1">The decay of the first moment (default 0.9).</param>
    /// <param name="beta2">The decay of the second moment (default 0.999).</param>
    /// <param name="epsilon">Added to the root of the second moment (default 1e-7).</param>
    /// <param name="amsgrad">Whether to keep the maximum second moment (default false).</param>
    /// <param name="name">The optimizer name (default <c>adamw</c>).</param>
    public AdamW(double learningRate = 0.001, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false, string name = "adamw")
        : base(learningRate, beta1, beta2, epsilon, amsgrad, name)
    {
        WeightDecay = weightDecay;
    }

    /// <summary>Creates the optimizer from its Keras config.</summary>
    /// <param name="config">The <c>config</c> object of a saved optimizer.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="NotSupportedException">The config uses a learning-rate schedule, EMA or another option this library lacks.</exception>
    public static new AdamW FromConfig(JsonObject config)
    {
        var reader = OptimizerConfig.Read(config, nameof(AdamW));
        return new AdamW(
            OptimizerConfig.LearningRate(reader, 0.001),
            OptimizerConfig.WeightDecay(reader) ?? 0.004,
            reader.GetDouble("beta_1", 0.9),
            reader.GetDouble("beta_2", 0.999),
            reader.GetDouble("epsilon", 1e-7),
            reader.GetBool("amsgrad", false),
            reader.GetName() ?? "adamw")
        {
            ClipNorm = OptimizerConfig.ClipNorm(reader),
            ClipValue = OptimizerConfig.ClipValue(reader),
            GlobalClipNorm = OptimizerConfig.GlobalClipNorm(reader),
        };
    }
}
