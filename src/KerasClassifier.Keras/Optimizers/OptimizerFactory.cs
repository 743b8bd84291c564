namespace KerasClassifier.Keras.Optimizers;

/// <summary>Creates optimizers from their Keras names, as <c>compile(optimizer="adam")</c> does.</summary>
public static class OptimizerFactory
{
    /// <summary>Gets the names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["adagrad", "adam", "adamw", "nadam", "rmsprop", "sgd"];

    /// <summary>Creates an optimizer by name with Keras's defaults, optionally with a learning rate.</summary>
    /// <param name="name">The name, case-insensitive: one of <see cref="Names"/>.</param>
    /// <param name="learningRate">The learning rate; null keeps the optimizer's default.</param>
    /// <param name="momentum">The momentum of SGD and RMSprop; ignored by the others.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static Optimizer Get(string name, double? learningRate = null, double momentum = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "adam" => learningRate is null ? new Adam() : new Adam(learningRate.Value),
            "sgd" => learningRate is null ? new SGD(momentum: momentum) : new SGD(learningRate.Value, momentum),
            "adamw" => new AdamW(learningRate ?? 0.001),
            "rmsprop" => new RMSprop(learningRate ?? 0.001, momentum: momentum),
            "adagrad" => new Adagrad(learningRate ?? 0.001),
            "nadam" => new Nadam(learningRate ?? 0.001),
            _ => throw new ArgumentException($"Unknown optimizer '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
