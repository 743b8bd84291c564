namespace KerasClassifier.Cli.Reports;

/// <summary>Registers the bundled DejaVu Sans with ScottPlot once, so plots have text on systems without fonts.</summary>
internal static class PlotFonts
{
    /// <summary>The family name every plot uses.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<string> Registered = new(Register);

    /// <summary>Registers the font if needed and returns its family name.</summary>
    /// <exception cref="FileNotFoundException">The font file is missing beside the program.</exception>
    public static string Ensure() => Registered.Value;

    private static string Register()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fonts", "DejaVuSans.ttf");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The plot font '{path}' is missing; rebuild the CLI so that Fonts/DejaVuSans.ttf is copied beside it.", path);
        }

        ScottPlot.Fonts.AddFontFile(Family, path, bold: false, italic: false);
        return Family;
    }
}
