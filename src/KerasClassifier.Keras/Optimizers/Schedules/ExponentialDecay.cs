using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Optimizers.Schedules;

/// <summary>
/// Multiplies the rate by <c>decayRate</c> every <c>decaySteps</c> steps, as Keras's
/// <c>ExponentialDecay</c>: <c>initialLearningRate * decayRate ^ (step / decaySteps)</c>.
/// </summary>
/// <remarks>
/// With <see cref="Staircase"/> the exponent is rounded down, which gives the classic step schedule:
/// for example <c>new ExponentialDecay(0.01, decaySteps: 10, decayRate: 0.1, staircase: true)</c>
/// divides the rate by 10 every 10 epochs.
/// </remarks>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Initializes a new instance of the <see cref="ExponentialDecay"/> class.</summary>
    /// <param name="initialLearningRate">The rate at step 0; positive.</param>
    /// <param name="decaySteps">The steps over which the rate is multiplied by <paramref name="decayRate"/> once; positive.</param>
    /// <param name="decayRate">The multiplier; positive.</param>
    /// <param name="staircase">Whether the rate changes in steps rather than smoothly (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, bool staircase = false)
    {
        RequireRate(initialLearningRate, nameof(initialLearningRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(decaySteps, 1);
        RequireRate(decayRate, nameof(decayRate));
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        DecayRate = decayRate;
        Staircase = staircase;
    }

    /// <summary>Gets the rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Gets the steps per multiplication by <see cref="DecayRate"/>.</summary>
    public long DecaySteps { get; }

    /// <summary>Gets the multiplier.</summary>
    public double DecayRate { get; }

    /// <summary>Gets a value indicating whether the exponent is rounded down.</summary>
    public bool Staircase { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["decay_rate"] = DecayRate,
        ["staircase"] = Staircase,
        ["name"] = "ExponentialDecay",
    };

    /// <inheritdoc/>
    protected override double Compute(long step)
    {
        var exponent = (double)step / DecaySteps;
        if (Staircase)
        {
            exponent = Math.Floor(exponent);
        }

        return InitialLearningRate * Math.Pow(DecayRate, exponent);
    }
}
