namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>
/// Locates the read-only data folder that sits beside the repository root.
/// </summary>
internal static class SharedData
{
    /// <summary>
    /// Returns the path of <paramref name="relative"/> inside the shared data folder (<c>../shared/data</c>
    /// from the folder that contains KerasClassifier.sln).
    /// </summary>
    public static string Path(string relative)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "KerasClassifier.sln")))
        {
            folder = folder.Parent;
        }

        if (folder?.Parent is null)
        {
            throw new DirectoryNotFoundException($"KerasClassifier.sln was not found above '{AppContext.BaseDirectory}'.");
        }

        string path = System.IO.Path.Combine(folder.Parent.FullName, "shared", "data", relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"Shared test data '{path}' was not found; it is expected beside the repository root.");
        }

        return path;
    }
}
