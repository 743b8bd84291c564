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
}
