using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TorchSharp;

namespace KerasClassifier.Keras.Backend;

/// <summary>Loads libtorch once and turns a load failure into one message that says what to do.</summary>
internal static class NativeLibraryLoader
{
    private static readonly Lazy<NativePreloadResult> Preload = new(LibTorchSharpPreloader.Run, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<bool> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the native libraries on first call; later calls return at once.</summary>
    public static void EnsureLoaded() => _ = Loaded.Value;

    /// <summary>Runs the preload when the assembly is first used.</summary>
    /// <remarks>
    /// Layers, optimizers and metrics call TorchSharp directly, and TorchSharp loads its native
    /// library in its static constructor. Running the preload here puts it before all of them.
    /// </remarks>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "The native preload must run before any code of this assembly reaches TorchSharp.")]
    internal static void PreloadOnFirstUse() => _ = Preload.Value;

    private static bool Load()
    {
        var preload = Preload.Value;
        try
        {
            // The first use of torch runs TorchSharp's static initialiser, which loads libtorch.
            _ = torch.get_num_threads();
            return true;
        }
        catch (TypeInitializationException ex)
        {
            var advice = preload.Status == NativePreloadStatus.NotNeeded
                ? " On Debian 12 or Ubuntu 22.04, build through KerasClassifier.sln so that the native fix-up patches libLibTorchSharp.so in the output folder."
                : " " + preload.Description;
            throw new InvalidOperationException("Failed to load libtorch through TorchSharp: " + Innermost(ex).Message + advice, ex);
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
