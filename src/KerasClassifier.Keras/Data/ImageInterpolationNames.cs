namespace KerasClassifier.Keras.Data;

/// <summary>
/// Parses Keras interpolation names.
/// </summary>
internal static class ImageInterpolationNames
{
    /// <summary>Keras names this pipeline accepts, in the order they are listed in errors.</summary>
    public static readonly string[] Supported = ["bilinear", "nearest", "bicubic", "mitchellcubic", "area"];

    /// <summary>
    /// Parses a Keras interpolation name (case-insensitive).
    /// </summary>
    /// <exception cref="NotSupportedException">The name is a Keras filter this pipeline does not implement.</exception>
    /// <exception cref="ArgumentException">The name is not a Keras filter.</exception>
    public static ImageInterpolation Parse(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);

        switch (name.ToLowerInvariant())
        {
            case "bilinear":
                return ImageInterpolation.Bilinear;
            case "nearest":
                return ImageInterpolation.Nearest;
            case "bicubic":
                return ImageInterpolation.Bicubic;
            case "mitchellcubic":
                return ImageInterpolation.MitchellCubic;
            case "area":
                return ImageInterpolation.Area;
            case "lanczos3":
            case "lanczos5":
            case "gaussian":
                throw new NotSupportedException(
                    $"interpolation '{name}' is not supported; use one of: {string.Join(", ", Supported)}.");
            default:
                throw new ArgumentException(
                    $"interpolation '{name}' is not a known filter; expected one of: {string.Join(", ", Supported)}.",
                    paramName);
        }
    }
}
