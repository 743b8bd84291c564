using System.Globalization;
using System.Text;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Cli.Rendering;

/// <summary>
/// Draws a Keras-style progress bar on one terminal line during each phase, for example
/// <c>Epoch 3/20  5/12 ━━━━━━━━────────────  4s 80ms/step - accuracy: 0.5312 - loss: 1.2041</c>.
/// </summary>
/// <remarks>
/// Redraws at most once per <see cref="MinRedrawInterval"/>; the first and last step of a phase are
/// always drawn. The line is cut to the terminal width so that it never wraps, since a wrapped line
/// cannot be redrawn in place.
/// </remarks>
internal sealed class LiveProgressRenderer
{
    /// <summary>The shortest time between two redraws, so at most 10 redraws a second.</summary>
    public static readonly TimeSpan MinRedrawInterval = TimeSpan.FromMilliseconds(100);

    private const int BarWidth = 20;
    private readonly TrainingConsole console;
    private readonly TimeProvider timeProvider;
    private readonly int width;
    private long? lastDraw;

    public LiveProgressRenderer(TrainingConsole console, TimeProvider timeProvider, int width)
    {
        this.console = console;
        this.timeProvider = timeProvider;
        this.width = Math.Max(20, width);
    }

    /// <summary>Handles a progress event from <see cref="ProgressCallback"/>.</summary>
    public void OnProgress(object? sender, ProgressEventArgs e)
    {
        if (e.Completed)
        {
            console.ClearLive();
            lastDraw = null;
            return;
        }

        var now = timeProvider.GetTimestamp();
        var isEdge = e.Step == 0 || e.Step == e.Steps;
        if (!isEdge && lastDraw is { } last && timeProvider.GetElapsedTime(last, now) < MinRedrawInterval)
        {
            return;
        }

        lastDraw = now;
        var line = Format(e);
        console.Live(line.Length >= width ? line[..(width - 1)] : line);
    }

    /// <summary>Formats one bar line.</summary>
    internal static string Format(ProgressEventArgs e)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        if (e.Epoch is { } epoch)
        {
            text.Append(culture, $"Epoch {epoch + 1}/{e.Epochs?.ToString(culture) ?? "?"} ");
        }

        text.Append(e.Phase == TrainingPhase.Training ? string.Empty : "validation ");
        var total = e.Steps?.ToString(culture) ?? "?";
        text.Append(culture, $"{e.Step.ToString(culture).PadLeft(total.Length)}/{total} ");
        var filled = e.Steps is > 0 ? (int)Math.Min(BarWidth, e.Step * BarWidth / e.Steps.Value) : 0;
        text.Append('━', filled).Append('─', BarWidth - filled);

        // Keras shows the time left while the phase runs, then the time taken.
        var time = e.Remaining ?? e.Elapsed;
        text.Append(culture, $" {FormatDuration(time)}");
        if (e.TimePerStep is { } pace)
        {
            text.Append(culture, $" {pace.TotalMilliseconds:0}ms/step");
        }

        foreach (var (key, value) in e.Metrics.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(culture, $" - {key}: {value:0.0000}");
        }

        return text.ToString();
    }

    private static string FormatDuration(TimeSpan time) => time.TotalSeconds < 60
        ? $"{(int)time.TotalSeconds}s"
        : time.TotalHours < 1 ? $"{(int)time.TotalMinutes}m{time.Seconds:00}s" : $"{(int)time.TotalHours}h{time.Minutes:00}m";
}
