using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// Lowers the learning rate when a monitored metric has stopped improving, as Keras's
/// <c>ReduceLROnPlateau</c>.
/// </summary>
/// <remarks>
/// After <see cref="Patience"/> epochs without an improvement of more than
/// <see cref="MonitorCallback.MinDelta"/>, the rate is multiplied by <see cref="Factor"/> (never below
/// <see cref="MinLr"/>), and the wait counter pauses for <see cref="Cooldown"/> epochs. The rate
/// changes at the end of an epoch, so the epoch logs keep the rate the epoch trained with. A missing
/// monitored key raises instead of warning (see <see cref="MonitorCallback"/>).
/// </remarks>
/// <example>
/// <code>
/// var plateau = new ReduceLROnPlateau(monitor: "val_loss", factor: 0.2, patience: 5, minLr: 1e-5);
/// model.Fit(train, epochs: 50, validationData: val, callbacks: [plateau]);
/// </code>
/// </example>
public sealed class ReduceLROnPlateau : MonitorCallback
{
    /// <summary>Initializes a new instance of the <see cref="ReduceLROnPlateau"/> class.</summary>
    /// <param name="monitor">The log key to watch (default <c>val_loss</c>).</param>
    /// <param name="factor">The multiplier applied to the rate, in (0, 1) (default 0.1).</param>
    /// <param name="patience">Epochs without improvement before lowering the rate (default 10).</param>
    /// <param name="mode"><c>auto</c> (default), <c>min</c> or <c>max</c>.</param>
    /// <param name="minDelta">The smallest change that counts as an improvement (default 1e-4).</param>
    /// <param name="cooldown">Epochs to wait after a reduction before counting again (default 0).</param>
    /// <param name="minLr">The lowest rate it sets (default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public ReduceLROnPlateau(
        string monitor = "val_loss",
        double factor = 0.1,
        int patience = 10,
        string mode = "auto",
        double minDelta = 1e-4,
        int cooldown = 0,
        double minLr = 0)
        : base(monitor, mode, minDelta)
    {
        if (!(factor > 0 && factor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Invalid factor for ReduceLROnPlateau; expected a value between 0 and 1 (exclusive), since the rate must go down.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        if (!(minLr >= 0) || double.IsInfinity(minLr))
        {
            throw new ArgumentOutOfRangeException(nameof(minLr), minLr, "Invalid minLr for ReduceLROnPlateau; expected a finite number of 0 or more.");
        }

        Factor = factor;
        Patience = patience;
        Cooldown = cooldown;
        MinLr = minLr;
    }

    /// <summary>Raised after the callback lowers the learning rate.</summary>
    public event EventHandler<LearningRateChangedEventArgs>? LearningRateReduced;

    /// <summary>Gets the multiplier applied to the rate.</summary>
    public double Factor { get; }

    /// <summary>Gets the epochs without improvement tolerated before a reduction.</summary>
    public int Patience { get; }

    /// <summary>Gets the epochs the counter pauses after a reduction.</summary>
    public int Cooldown { get; }

    /// <summary>Gets the lowest rate the callback sets.</summary>
    public double MinLr { get; }

    /// <summary>Gets the epochs counted since the last improvement.</summary>
    public int Wait { get; private set; }

    /// <summary>Gets the cooldown epochs left.</summary>
    public int CooldownCounter { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        Best = null;
        Wait = 0;
        CooldownCounter = 0;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        var current = ReadMonitor(logs);
        if (CooldownCounter > 0)
        {
            CooldownCounter--;
            Wait = 0;
        }

        if (IsImprovement(current, Best))
        {
            Best = current;
            Wait = 0;
            return;
        }

        if (CooldownCounter > 0)
        {
            return;
        }

        Wait++;
        if (Wait < Patience)
        {
            return;
        }

        var optimizer = Model!.Optimizer!;
        var oldRate = optimizer.LearningRate;

        // Keras compares in float32, so a rate that rounds to minLr counts as already at the floor.
        if (!((float)oldRate > (float)MinLr))
        {
            return;
        }

        var newRate = Math.Max(oldRate * Factor, MinLr);
        if (newRate <= 0)
        {
            return;
        }

        optimizer.LearningRate = newRate;
        var reason = $"{Monitor} did not improve for {Wait} epoch(s), best {FormatValue(Best)}";
        CooldownCounter = Cooldown;
        Wait = 0;
        LearningRateReduced?.Invoke(this, new LearningRateChangedEventArgs(epoch, oldRate, newRate, reason));
    }

    /// <inheritdoc/>
    public override JsonObject GetState()
    {
        var state = base.GetState();
        state["wait"] = Wait;
        state["cooldown_counter"] = CooldownCounter;
        return state;
    }

    /// <inheritdoc/>
    public override void SetState(JsonObject state)
    {
        base.SetState(state);
        Wait = state["wait"]?.GetValue<int>() ?? 0;
        CooldownCounter = state["cooldown_counter"]?.GetValue<int>() ?? 0;
    }
}
