using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

/// <summary>The real SavedModel folders saved by Keras users, and writable copies of them.</summary>
internal static class SavedModelFolders
{
    public const string Digits = "digits_dawidborycki";
    public const string Traffic = "traffic_AudreyNessa";
    public const string NumberGuesser = "numguess_AHughes9905";
    public const string Mnist = "mnist_0x7a726f";
    public const string Heat = "heat_StefannyEscobar";
    public const string Lstm = "lstm_AbfCodes";
    public const string Heart = "heart_AditAhmedabadi";
    public const string Subclassed = "lolwin_laurelwoods0102";

    public static readonly string[] All = [Digits, Traffic, NumberGuesser, Mnist, Heat, Lstm, Heart, Subclassed];

    /// <summary>Returns the path of a folder in the shared data.</summary>
    public static string Path(string name) => SharedData.Path(System.IO.Path.Combine("savedmodels", name));

    /// <summary>Copies a folder into <paramref name="temp"/> with writable files and returns the copy's path.</summary>
    public static string Copy(string name, TempDirectory temp)
    {
        var source = Path(name);
        var target = System.IO.Path.Combine(temp.Path, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(destination, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return target;
    }
}
