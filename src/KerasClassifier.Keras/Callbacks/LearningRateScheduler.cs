using KerasClassifier.Keras.Optimizers.Schedules;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// Sets the optimizer's learning rate at the start of every epoch from a schedule, as Keras's
/// <c>LearningRateScheduler</c>.
/// </summary>
/// <example>
/// <code>
/// // Keep the rate for 10 epochs, then shrink it by 10% per epoch.
/// var scheduler = new LearningRateScheduler((epoch, rate) => epoch &lt; 10 ? rate : rate * 0.9);
/// // Or drive one of the schedule classes with the epoch index.
/// var cosine = new LearningRateScheduler(new CosineDecay(1e-3, decaySteps: 30));
/// </code>
/// </example>
public sealed class LearningRateScheduler : Callback
{
    private readonly Func<int, double, double> schedule;

    /// <summary>Initializes a new instance of the <see cref="LearningRateScheduler"/> class from a function.</summary>
    /// <param name="schedule">Takes the 0-based epoch index and the current rate and returns the epoch's rate, a positive finite number.</param>
    public LearningRateScheduler(Func<int, double, double> schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        this.schedule = schedule;
    }

    /// <summary>Initializes a new instance of the <see cref="LearningRateScheduler"/> class from a schedule object.</summary>
    /// <param name="schedule">The schedule, called with the 0-based epoch index as its step.</param>
    public LearningRateScheduler(LearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        this.schedule = (epoch, _) => schedule.Call(epoch);
    }

    /// <summary>Raised when the rate set at the start of an epoch differs from the rate before it.</summary>
    public event EventHandler<LearningRateChangedEventArgs>? LearningRateChanged;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The schedule returned a rate that is not a positive finite number.</exception>
    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        var optimizer = Model?.Optimizer
            ?? throw new InvalidOperationException("LearningRateScheduler needs a compiled model; call Compile before Fit.");
        var oldRate = optimizer.LearningRate;
        var newRate = schedule(epoch, oldRate);
        if (!(newRate > 0) || double.IsInfinity(newRate))
        {
            throw new InvalidOperationException(
                $"The learning rate schedule returned {newRate} for epoch {epoch + 1}; expected a positive finite number.");
        }

        optimizer.LearningRate = newRate;
        if (newRate != oldRate)
        {
            LearningRateChanged?.Invoke(this, new LearningRateChangedEventArgs(epoch, oldRate, newRate, "schedule"));
        }
    }
}
