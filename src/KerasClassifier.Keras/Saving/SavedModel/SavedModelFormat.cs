namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>Facts about the SavedModel format shared by the readers and by <c>Save</c>.</summary>
public static class SavedModelFormat
{
    /// <summary>Returns whether a folder looks like a SavedModel: it contains <c>saved_model.pb</c> or <c>saved_model.pbtxt</c>.</summary>
    /// <param name="path">The path to test.</param>
    public static bool IsSavedModelFolder(string path) =>
        Directory.Exists(path)
        && (File.Exists(Path.Combine(path, "saved_model.pb")) || File.Exists(Path.Combine(path, "saved_model.pbtxt")));

    /// <summary>
    /// Returns the error message for saving to a path without a file extension, which Keras 2
    /// treated as a request for a SavedModel folder.
    /// </summary>
    /// <param name="path">The path received.</param>
    /// <returns>The message, which points to the <c>.keras</c> format.</returns>
    public static string SaveWithoutExtensionMessage(string path) =>
        $"Invalid path '{path}': a path without an extension would be a TensorFlow SavedModel folder, which this library reads but does not write. " +
        $"Save to '{path}.keras' (the Keras 3 format, recommended) or '{path}.h5'.";

    /// <summary>Returns whether a save path has no file extension, the case <see cref="SaveWithoutExtensionMessage"/> describes.</summary>
    /// <param name="path">The save path.</param>
    public static bool HasNoExtension(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)).Length == 0;
    }
}
