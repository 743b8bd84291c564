using ScottPlot;
using SkiaSharp;

namespace KerasClassifier.Interactive;

/// <summary>Chooses the font for chart text.</summary>
internal static class ChartFonts
{
    // ScottPlot 5.1.59 resolved its default font to DejaVu Serif on Debian 12, so a sans font is
    // picked explicitly from common Linux, Windows and macOS families.
    private static readonly string[] Candidates = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica"];

    private static readonly Lazy<string> Sans = new(() => Candidates.FirstOrDefault(IsInstalled) ?? Fonts.Sans);

    /// <summary>Sets every text element of <paramref name="plot"/> to the sans font.</summary>
    /// <remarks>NOTE: with no fonts installed (a bare container) ScottPlot renders no text and raises no error.</remarks>
    public static void Apply(Plot plot) => plot.Font.Set(Sans.Value);

    private static bool IsInstalled(string family)
    {
        using SKTypeface? typeface = SKFontManager.Default.MatchFamily(family);
        return typeface is not null;
    }
}
