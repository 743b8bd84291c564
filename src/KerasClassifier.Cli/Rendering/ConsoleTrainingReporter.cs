using System.Globalization;
using System.Text;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Cli.Rendering;

/// <summary>
/// Prints what training reports: the stop reason once (a NaN loss as an <c>error:</c> line), each
/// distinct warning once, callback events such as a lowered learning rate, and a final metrics line
/// on stdout.
/// </summary>
internal sealed class ConsoleTrainingReporter : Callback
{
    private readonly TrainingConsole console;
    private readonly HashSet<string> warned = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, double>? lastLogs;
    private int lastEpoch;

    public ConsoleTrainingReporter(TrainingConsole console)
    {
        this.console = console;
    }

    /// <summary>Gets why training ended, once it has.</summary>
    public StopReason? StopReason { get; private set; }

    /// <summary>
    /// Gets or sets a value indicating whether the current training is a phase that more training
    /// follows, such as the frozen-backbone epochs of fine-tuning. A phase that completes all its epochs
    /// then prints no stop message and no final line, so a run prints each once.
    /// </summary>
    public bool IsIntermediatePhase { get; set; }

    /// <summary>Gets the 1-based number of the last completed epoch, or 0 when none completed.</summary>
    public int LastCompletedEpoch => lastLogs is null ? 0 : lastEpoch + 1;

    /// <summary>Prints an epoch line on stdout.</summary>
    public void OnEpochLine(object? sender, EpochLineEventArgs e) => console.Result(e.Message);

    /// <summary>Prints a callback event, such as a saved checkpoint or a lowered learning rate, on stderr.</summary>
    public void OnCallbackEvent(object? sender, CallbackEventArgs e) => console.Diagnostic(e.Message);

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        lastEpoch = epoch;
        lastLogs = new Dictionary<string, double>(logs);
    }

    /// <inheritdoc/>
    public override void OnWarning(string message)
    {
        if (warned.Add(message))
        {
            console.Diagnostic("warning: " + message);
        }
    }

    /// <inheritdoc/>
    public override void OnStop(StopReason reason, string message)
    {
        StopReason = reason;
        if (IsIntermediatePhase && reason == Keras.Training.StopReason.EpochsCompleted)
        {
            return;
        }

        console.Diagnostic(reason == Keras.Training.StopReason.NonFiniteLoss ? "error: " + message : message);
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs)
    {
        if (lastLogs is null || (IsIntermediatePhase && StopReason == Keras.Training.StopReason.EpochsCompleted))
        {
            return;
        }

        // One line of key=value pairs, so that scripts read the final metrics without parsing epoch lines.
        var culture = CultureInfo.InvariantCulture;
        var line = new StringBuilder("final: ").Append(culture, $"epoch={lastEpoch + 1}");
        foreach (var (key, value) in lastLogs.OrderBy(p => p.Key.StartsWith("val_", StringComparison.Ordinal)).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            line.Append(culture, $" {key}={value.ToString("0.######", culture)}");
        }

        console.Result(line.ToString());
    }
}
