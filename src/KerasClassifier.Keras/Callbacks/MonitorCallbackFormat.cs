using System.Globalization;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>Formats monitored values in event messages as Keras prints them: five decimals, <c>None</c> for no value.</summary>
internal static class MonitorCallbackFormat
{
    public static string Value(double? value) =>
        value switch
        {
            null => "None",
            double.PositiveInfinity => "inf",
            double.NegativeInfinity => "-inf",
            _ => value.Value.ToString("0.00000", CultureInfo.InvariantCulture),
        };
}
