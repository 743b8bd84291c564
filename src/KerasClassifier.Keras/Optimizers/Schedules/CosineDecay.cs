using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Optimizers.Schedules;

/// <summary>
/// Cosine decay with an optional linear warm-up, as Keras's <c>CosineDecay</c>.
/// </summary>
/// <remarks>
/// Without warm-up the rate falls from <see cref="InitialLearningRate"/> along half a cosine to
/// <c>alpha * InitialLearningRate</c> over <see cref="DecaySteps"/> steps, then stays there. With
/// <see cref="WarmupTarget"/> and <see cref="WarmupSteps"/>, the rate first rises linearly from
/// <see cref="InitialLearningRate"/> to <see cref="WarmupTarget"/> over the warm-up steps, and the
/// cosine then starts from the target.
/// </remarks>
/// <example>
/// <code>
/// // One warm-up epoch from 1e-4 to 1e-3, then cosine decay over the remaining 19 epochs.
/// var schedule = new CosineDecay(1e-4, decaySteps: 19, warmupTarget: 1e-3, warmupSteps: 1);
/// model.Fit(train, epochs: 20, callbacks: [new LearningRateScheduler(schedule)]);
/// </code>
/// </example>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>Initializes a new instance of the <see cref="CosineDecay"/> class.</summary>
    /// <param name="initialLearningRate">The rate at step 0 (the warm-up's start when warming up); 0 or more.</param>
    /// <param name="decaySteps">The steps of the cosine phase; positive.</param>
    /// <param name="alpha">The final rate as a fraction of the peak, in [0, 1] (default 0).</param>
    /// <param name="warmupTarget">The rate the warm-up reaches; null (default) for no warm-up.</param>
    /// <param name="warmupSteps">The steps of the warm-up (default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public CosineDecay(double initialLearningRate, long decaySteps, double alpha = 0, double? warmupTarget = null, long warmupSteps = 0)
    {
        RequireRate(initialLearningRate, nameof(initialLearningRate), allowZero: true);
        ArgumentOutOfRangeException.ThrowIfLessThan(decaySteps, 1);
        if (!(alpha >= 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Invalid alpha for CosineDecay; expected a value in [0, 1].");
        }

        if (warmupTarget is { } target)
        {
            RequireRate(target, nameof(warmupTarget));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        Alpha = alpha;
        WarmupTarget = warmupTarget;
        WarmupSteps = warmupSteps;
    }

    /// <summary>Gets the rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Gets the steps of the cosine phase.</summary>
    public long DecaySteps { get; }

    /// <summary>Gets the final rate as a fraction of the peak.</summary>
    public double Alpha { get; }

    /// <summary>Gets the rate the warm-up reaches, or null without warm-up.</summary>
    public double? WarmupTarget { get; }

    /// <summary>Gets the steps of the warm-up.</summary>
    public long WarmupSteps { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["alpha"] = Alpha,
        ["name"] = "CosineDecay",
        ["warmup_target"] = WarmupTarget is { } target ? JsonValue.Create(target) : null,
        ["warmup_steps"] = WarmupSteps,
    };

    /// <inheritdoc/>
    protected override double Compute(long step)
    {
        var warmingUp = WarmupTarget is not null && WarmupSteps > 0;
        if (warmingUp && step < WarmupSteps)
        {
            return InitialLearningRate + ((WarmupTarget!.Value - InitialLearningRate) * step / WarmupSteps);
        }

        var peak = warmingUp ? WarmupTarget!.Value : InitialLearningRate;
        var decayStep = Math.Min(step - (warmingUp ? WarmupSteps : 0), DecaySteps);
        var cosine = 0.5 * (1 + Math.Cos(Math.PI * decayStep / DecaySteps));
        return peak * (((1 - Alpha) * cosine) + Alpha);
    }
}
