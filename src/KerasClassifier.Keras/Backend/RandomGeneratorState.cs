using static TorchSharp.torch;

namespace KerasClassifier.Keras.Backend;

/// <summary>Reads and restores the state of libtorch's default CPU generator, which dropout draws from.</summary>
/// <remarks>
/// A resumed run restores this state so that dropout masks continue as in an uninterrupted run.
/// </remarks>
internal static class RandomGeneratorState
{
    /// <summary>Copies the default CPU generator's state.</summary>
    /// <returns>The opaque state bytes.</returns>
    // TODO: capture the CUDA generators too; a run resumed on a GPU draws different dropout masks than an uninterrupted one.
    public static byte[] Capture()
    {
        NativeLibraryLoader.EnsureLoaded();
        using var state = random.get_rng_state();
        return state.data<byte>().ToArray();
    }

    /// <summary>Restores a state returned by <see cref="Capture"/>.</summary>
    /// <param name="state">The state bytes.</param>
    public static void Restore(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        NativeLibraryLoader.EnsureLoaded();
        using var tensor = TorchSharp.torch.tensor(state, ScalarType.Byte);
        random.set_rng_state(tensor);
    }
}
