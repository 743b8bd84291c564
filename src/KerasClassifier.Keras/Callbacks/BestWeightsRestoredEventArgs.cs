using System.Globalization;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>Data of <see cref="EarlyStopping.BestWeightsRestored"/>.</summary>
/// <param name="epoch">The 0-based epoch whose weights were restored.</param>
/// <param name="monitor">The monitored log key.</param>
/// <param name="best">Its best value, or null when no value was recorded.</param>
public sealed class BestWeightsRestoredEventArgs(int epoch, string monitor, double? best) : CallbackEventArgs
{
    /// <summary>Gets the 0-based epoch whose weights were restored.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>Gets the monitored log key.</summary>
    public string Monitor { get; } = monitor;

    /// <summary>Gets the best value of the monitored key, or null.</summary>
    public double? Best { get; } = best;

    /// <inheritdoc/>
    public override string Message =>
        $"Restored the weights from the end of the best epoch, {Epoch + 1}" +
        (Best is { } value ? $" ({Monitor} {value.ToString("0.00000", CultureInfo.InvariantCulture)})." : ".");
}
