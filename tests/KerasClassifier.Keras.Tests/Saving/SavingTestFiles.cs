namespace KerasClassifier.Keras.Tests.Saving;

/// <summary>Paths of the real Keras files beside the repository, and scratch folders for saved files.</summary>
internal static class SavingTestFiles
{
    /// <summary>Returns the path of a file in <c>../shared/data/keras-files</c> beside the folder with KerasClassifier.sln.</summary>
    public static string KerasFile(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "KerasClassifier.sln")))
        {
            folder = folder.Parent;
        }

        if (folder?.Parent is null)
        {
            throw new DirectoryNotFoundException($"KerasClassifier.sln was not found above '{AppContext.BaseDirectory}'.");
        }

        var path = Path.Combine(folder.Parent.FullName, "shared", "data", "keras-files", name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Keras test file '{path}' was not found; it is expected beside the repository root.", path);
    }
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kc-saving-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
