using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Optimizers.Schedules;

/// <summary>
/// A learning rate as a function of a step counter, as Keras's
/// <c>keras.optimizers.schedules.LearningRateSchedule</c>.
/// </summary>
/// <remarks>
/// <see cref="Callbacks.LearningRateScheduler"/> calls a schedule once per epoch with the 0-based epoch
/// index as the step, so its step counts (<c>decaySteps</c>, <c>warmupSteps</c>) are then in epochs.
/// </remarks>
public abstract class LearningRateSchedule
{
    /// <summary>Gets the Keras class name, e.g. <c>CosineDecay</c>.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>Computes the learning rate at a step.</summary>
    /// <param name="step">The 0-based step (an epoch index when driven by <see cref="Callbacks.LearningRateScheduler"/>).</param>
    /// <returns>The learning rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public double Call(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return Compute(step);
    }

    /// <summary>Returns the Keras config with Keras's keys.</summary>
    /// <returns>The config object.</returns>
    public abstract JsonObject GetConfig();

    /// <summary>Computes the rate at a step that is known to be 0 or more.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The learning rate.</returns>
    protected abstract double Compute(long step);

    /// <summary>Rejects a rate that is not a positive finite number.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="allowZero">Whether 0 is accepted.</param>
    protected void RequireRate(double value, string name, bool allowZero = false)
    {
        var valid = double.IsFinite(value) && (allowZero ? value >= 0 : value > 0);
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Invalid {name} for {ClassName}; expected a finite number {(allowZero ? "of 0 or more" : "greater than 0")}.");
        }
    }
}
