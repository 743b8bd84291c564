using System.Globalization;
using System.Text;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>Data of <see cref="ProgressCallback.Progress"/>: where a phase stands after a step, for live progress bars.</summary>
/// <param name="phase">Training or testing.</param>
/// <param name="epoch">The 0-based epoch, or null outside <c>Fit</c> (a plain <c>Evaluate</c>).</param>
/// <param name="epochs">The epoch count of the run, or null outside <c>Fit</c>.</param>
/// <param name="step">The steps done in the phase; 0 when the phase starts.</param>
/// <param name="steps">The steps planned for the phase, or null when unknown.</param>
/// <param name="elapsed">The time since the phase started.</param>
/// <param name="metrics">The running metrics; empty when the callback was created without metrics.</param>
/// <param name="completed">Whether the phase has ended.</param>
public sealed class ProgressEventArgs(
    TrainingPhase phase,
    int? epoch,
    int? epochs,
    long step,
    long? steps,
    TimeSpan elapsed,
    IReadOnlyDictionary<string, double> metrics,
    bool completed) : CallbackEventArgs
{
    /// <summary>Gets the phase: training or testing.</summary>
    public TrainingPhase Phase { get; } = phase;

    /// <summary>Gets the 0-based epoch, or null outside <c>Fit</c>.</summary>
    public int? Epoch { get; } = epoch;

    /// <summary>Gets the epoch count of the run, or null outside <c>Fit</c>.</summary>
    public int? Epochs { get; } = epochs;

    /// <summary>Gets the steps done in the phase.</summary>
    public long Step { get; } = step;

    /// <summary>Gets the steps planned for the phase, or null when unknown.</summary>
    public long? Steps { get; } = steps;

    /// <summary>Gets the time since the phase started.</summary>
    public TimeSpan Elapsed { get; } = elapsed;

    /// <summary>Gets the running metrics, e.g. <c>loss</c> and <c>accuracy</c>.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; } = metrics;

    /// <summary>Gets a value indicating whether the phase has ended.</summary>
    public bool Completed { get; } = completed;

    /// <summary>Gets the mean time per step so far, or null before the first step.</summary>
    public TimeSpan? TimePerStep => Step > 0 ? Elapsed / Step : null;

    /// <summary>Gets the estimated time left in the phase, or null when the step count or pace is unknown.</summary>
    public TimeSpan? Remaining => Steps is { } total && TimePerStep is { } pace && !Completed ? pace * Math.Max(0, total - Step) : null;

    /// <inheritdoc/>
    public override string Message
    {
        get
        {
            var culture = CultureInfo.InvariantCulture;
            var text = new StringBuilder();
            if (Epoch is { } epoch)
            {
                text.Append(culture, $"Epoch {epoch + 1}/{Epochs?.ToString(culture) ?? "?"} ");
            }

            text.Append(Phase == TrainingPhase.Training ? "training" : "validation");
            text.Append(culture, $" {Step}/{Steps?.ToString(culture) ?? "?"}");
            if (TimePerStep is { } pace)
            {
                text.Append(culture, $" - {pace.TotalMilliseconds:0}ms/step");
            }

            foreach (var (key, value) in Metrics.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(culture, $" - {key}: {value:0.0000}");
            }

            return text.ToString();
        }
    }
}
