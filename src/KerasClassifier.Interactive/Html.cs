using System.Globalization;
using System.Net;

namespace KerasClassifier.Interactive;

/// <summary>Small helpers for the HTML the formatters write.</summary>
internal static class Html
{
    /// <summary>Encodes text for an HTML element or attribute.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Returns an <c>img</c> element that embeds PNG bytes as a data URI.</summary>
    public static string PngImage(byte[] png, string alternativeText, int? width = null)
    {
        var widthAttribute = width is int w ? $" width=\"{w.ToString(CultureInfo.InvariantCulture)}\"" : string.Empty;
        return $"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" alt=\"{Encode(alternativeText)}\"{widthAttribute} />";
    }

    /// <summary>Formats a metric value with four significant decimals, or an accuracy-like value as a percentage.</summary>
    public static string Metric(string name, double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        return IsFraction(name)
            ? (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%"
            : value.ToString("0.####", CultureInfo.InvariantCulture);
    }

    /// <summary>Returns true for metrics that are fractions of examples, which read best as percentages.</summary>
    public static bool IsFraction(string name) => name.EndsWith("accuracy", StringComparison.Ordinal);

    /// <summary>Formats a whole number with thousands separators, as Keras's summary does.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
