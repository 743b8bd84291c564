using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// The base of callbacks that watch one entry of the epoch logs and act when it improves or stalls,
/// as Keras's <c>MonitorCallback</c>: <see cref="ModelCheckpoint"/>, <see cref="EarlyStopping"/> and
/// <see cref="ReduceLROnPlateau"/>.
/// </summary>
/// <remarks>
/// Keras only warns when the monitored key is missing from the logs, and then silently never saves,
/// stops or lowers the rate. Here a missing key raises an <see cref="ArgumentException"/> at the end of
/// the first epoch that lacks it, and the message lists the keys the logs do have, so that a typo such
/// as <c>val_acc</c> fails at once instead of after a full run.
/// </remarks>
public abstract class MonitorCallback : Callback, IStatefulCallback
{
    private static readonly string[] Modes = ["auto", "min", "max"];

    /// <summary>Initializes a new instance of the <see cref="MonitorCallback"/> class.</summary>
    /// <param name="monitor">The log key to watch, e.g. <c>val_loss</c> or <c>val_accuracy</c>.</param>
    /// <param name="mode"><c>min</c>, <c>max</c>, or <c>auto</c> to infer the direction from the key.</param>
    /// <param name="minDelta">The smallest change that counts as an improvement; its sign is ignored.</param>
    /// <exception cref="ArgumentException"><paramref name="monitor"/> is empty or <paramref name="mode"/> is not one of the three.</exception>
    protected MonitorCallback(string monitor, string mode, double minDelta)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        ArgumentNullException.ThrowIfNull(mode);
        if (!Modes.Contains(mode))
        {
            throw new ArgumentException($"Invalid mode '{mode}' for {GetType().Name}; expected auto, min or max.", nameof(mode));
        }

        if (!double.IsFinite(minDelta))
        {
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, $"Invalid minDelta for {GetType().Name}; expected a finite number.");
        }

        Monitor = monitor;
        Mode = mode;
        MinDelta = Math.Abs(minDelta);
    }

    /// <summary>Gets the log key being watched.</summary>
    public string Monitor { get; }

    /// <summary>Gets the mode: <c>auto</c>, <c>min</c> or <c>max</c>.</summary>
    public string Mode { get; }

    /// <summary>Gets the smallest change that counts as an improvement (never negative).</summary>
    public double MinDelta { get; }

    /// <summary>Gets the best value seen so far, or null before the first one.</summary>
    public double? Best { get; protected set; }

    /// <summary>Gets a value indicating whether larger values are better, or null until the direction is resolved at the first epoch end.</summary>
    public bool? Maximizes { get; private set; }

    /// <inheritdoc/>
    public virtual JsonObject GetState() => new()
    {
        ["monitor"] = Monitor,
        ["best"] = Best is { } best ? JsonValue.Create(best) : null,
    };

    /// <inheritdoc/>
    public virtual void SetState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var monitor = state["monitor"]?.GetValue<string>();
        if (monitor is not null && monitor != Monitor)
        {
            throw new ArgumentException(
                $"The saved state of {GetType().Name} monitors '{monitor}', but this callback monitors '{Monitor}'; resume with the same monitor or delete the backup.", nameof(state));
        }

        Best = state["best"]?.GetValue<double>();
    }

    /// <summary>Reads the monitored value from the logs, resolving the direction on first use.</summary>
    /// <param name="logs">The epoch logs.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The logs have no such key; the message lists the keys they have.</exception>
    protected double ReadMonitor(IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (logs.TryGetValue(Monitor, out var value))
        {
            Maximizes ??= ResolveDirection();
            return value;
        }

        var available = logs.Count == 0 ? "none" : string.Join(", ", logs.Keys);
        var hint = Monitor.StartsWith("val_", StringComparison.Ordinal) && !logs.Keys.Any(k => k.StartsWith("val_", StringComparison.Ordinal))
            ? " Keys that start with val_ need validation data in Fit."
            : string.Empty;
        throw new ArgumentException(
            $"{GetType().Name} monitors '{Monitor}', but the epoch logs have no such key; available keys: {available}.{hint}", "monitor");
    }

    /// <summary>Tells whether <paramref name="value"/> beats <paramref name="reference"/> by more than <see cref="MinDelta"/>.</summary>
    /// <param name="value">The new value.</param>
    /// <param name="reference">The value to beat; null means any finite value improves.</param>
    /// <returns>True for an improvement; NaN never improves.</returns>
    protected bool IsImprovement(double value, double? reference)
    {
        if (double.IsNaN(value))
        {
            return false;
        }

        if (reference is null)
        {
            return true;
        }

        return Maximizes ?? ResolveDirection()
            ? value - MinDelta > reference.Value
            : value + MinDelta < reference.Value;
    }

    /// <summary>Formats a monitored value for event messages, with five decimals as Keras prints it.</summary>
    /// <param name="value">The value, or null.</param>
    /// <returns>The text; <c>None</c> for null, as Keras writes it.</returns>
    protected static string FormatValue(double? value) => MonitorCallbackFormat.Value(value);

    private bool ResolveDirection()
    {
        if (Mode != "auto")
        {
            Maximizes = Mode == "max";
            return Maximizes.Value;
        }

        var name = Monitor.StartsWith("val_", StringComparison.Ordinal) ? Monitor[4..] : Monitor;
        if (name == "loss" || name.EndsWith("_loss", StringComparison.Ordinal))
        {
            Maximizes = false;
        }
        else if (name.Contains("acc", StringComparison.Ordinal))
        {
            Maximizes = true;
        }
        else
        {
            throw new ArgumentException(
                $"{GetType().Name} cannot tell whether '{Monitor}' should go up or down; pass mode: \"max\" to keep the highest value or mode: \"min\" to keep the lowest.", "mode");
        }

        return Maximizes.Value;
    }
}
