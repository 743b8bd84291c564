namespace KerasClassifier.Keras.Data;

/// <summary>
/// File extensions the image sources accept.
/// </summary>
internal static class ImageFormats
{
    /// <summary>Accepted extensions, lower case: Keras's list plus <c>.webp</c>.</summary>
    public static readonly string[] Extensions = [".bmp", ".gif", ".jpeg", ".jpg", ".png", ".webp"];

    /// <summary>Gets the accepted extensions as a comma-separated list for messages.</summary>
    public static string ExtensionList => string.Join(", ", Extensions);

    /// <summary>
    /// Returns true when the file name ends with an accepted extension (case-insensitive).
    /// </summary>
    public static bool HasImageExtension(string path)
    {
        string extension = Path.GetExtension(path);

        return Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase);
    }
}
