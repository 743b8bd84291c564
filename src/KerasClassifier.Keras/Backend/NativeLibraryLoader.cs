using TorchSharp;

namespace KerasClassifier.Keras.Backend;

/// <summary>Loads libtorch once and turns a load failure into one message that says what to do.</summary>
internal static class NativeLibraryLoader
{
    private static readonly Lazy<bool> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the native libraries on first call; later calls return at once.</summary>
    public static void EnsureLoaded() => _ = Loaded.Value;

    private static bool Load()
    {
        try
        {
            // The first use of torch runs TorchSharp's static initialiser, which loads libtorch.
            _ = torch.get_num_threads();
            return true;
        }
        catch (TypeInitializationException ex)
        {
            throw new InvalidOperationException(
                "Failed to load libtorch through TorchSharp: " + Innermost(ex).Message +
                " On Debian 12 or Ubuntu 22.04, build through KerasClassifier.sln so that the native fix-up patches libLibTorchSharp.so in the output folder.",
                ex);
        }
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
