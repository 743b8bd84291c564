using System.Globalization;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Cli.Rendering;

/// <summary>
/// For pipes and CI logs, which get no live bar: prints one line when nothing has been printed for
/// <see cref="Interval"/> while a phase runs, such as during a slow step, so a log shows that
/// training is alive without a line per step.
/// </summary>
internal sealed class PlainHeartbeat : IDisposable
{
    /// <summary>The silence after which a heartbeat line is printed, and the least time between two.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly object gate = new();
    private readonly TrainingConsole console;
    private readonly TimeProvider timeProvider;
    private readonly ITimer timer;
    private ProgressEventArgs? current;
    private long lastStep;

    public PlainHeartbeat(TrainingConsole console, TimeProvider timeProvider)
    {
        this.console = console;
        this.timeProvider = timeProvider;
        lastStep = timeProvider.GetTimestamp();

        // Checking every second keeps a heartbeat within a second of the interval.
        timer = timeProvider.CreateTimer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Handles a progress event from <see cref="ProgressCallback"/>.</summary>
    public void OnProgress(object? sender, ProgressEventArgs e)
    {
        lock (gate)
        {
            current = e.Completed ? null : e;
            lastStep = timeProvider.GetTimestamp();
        }
    }

    /// <summary>Prints a heartbeat line if a phase runs and the console has been silent for the interval.</summary>
    internal void Tick()
    {
        string line;
        lock (gate)
        {
            if (current is null || console.SinceLastLine < Interval)
            {
                return;
            }

            line = Format(current, timeProvider.GetElapsedTime(lastStep));
        }

        console.Diagnostic(line);
    }

    /// <inheritdoc/>
    public void Dispose() => timer.Dispose();

    private static string Format(ProgressEventArgs e, TimeSpan sinceStep)
    {
        var culture = CultureInfo.InvariantCulture;
        var what = e.Phase == TrainingPhase.Training ? "training" : "validating";
        var epoch = e.Epoch is { } index ? $"epoch {index + 1}/{e.Epochs?.ToString(culture) ?? "?"}, " : string.Empty;
        var steps = e.Steps?.ToString(culture) ?? "?";
        var since = e.Step == 0 ? "the phase started" : "the last step finished";
        return $"still {what}: {epoch}{e.Step}/{steps} steps done; {since} {(int)sinceStep.TotalSeconds} s ago.";
    }
}
