using TorchSharp;

namespace KerasClassifier.Keras.Backend;

/// <summary>
/// Process-wide backend settings: the compute device, the random seed and layer-name counters.
/// </summary>
/// <remarks>
/// Every TorchSharp call of the library goes through this namespace, so that a second backend would
/// replace it and leave the Keras-shaped public API unchanged.
/// </remarks>
public static class KerasBackend
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, int> NameCounters = new(StringComparer.Ordinal);
    private static torch.Device? device;

    /// <summary>Gets the device that new models and tensors use; <see cref="SetDevice"/> changes it.</summary>
    public static DeviceKind CurrentDevice => Device.type == DeviceType.CUDA ? DeviceKind.Cuda : DeviceKind.Cpu;

    /// <summary>Gets a one-line description of the current device, for start-of-run banners.</summary>
    public static string DeviceDescription =>
        CurrentDevice == DeviceKind.Cuda ? $"cuda:0 ({torch.cuda.device_count()} CUDA device(s))" : $"cpu ({torch.get_num_threads()} threads)";

    internal static torch.Device Device
    {
        get
        {
            lock (Gate)
            {
                device ??= ResolveDevice(DeviceKind.Auto);
                return device;
            }
        }
    }

    /// <summary>Selects the compute device for models created or moved afterwards.</summary>
    /// <param name="kind">The device; <see cref="DeviceKind.Auto"/> takes CUDA when available, else the CPU.</param>
    /// <returns>The device actually selected (never <see cref="DeviceKind.Auto"/>).</returns>
    /// <exception cref="NotSupportedException">CUDA is requested but not available.</exception>
    public static DeviceKind SetDevice(DeviceKind kind)
    {
        lock (Gate)
        {
            device = ResolveDevice(kind);
        }

        return CurrentDevice;
    }

    /// <summary>Parses a device name as the command line writes it: <c>auto</c>, <c>cpu</c> or <c>cuda</c>.</summary>
    /// <param name="name">The device name, case-insensitive.</param>
    /// <returns>The parsed device kind.</returns>
    /// <exception cref="ArgumentException">The name is none of the three.</exception>
    public static DeviceKind ParseDevice(string name)
    {
        return name.ToLowerInvariant() switch
        {
            "auto" => DeviceKind.Auto,
            "cpu" => DeviceKind.Cpu,
            "cuda" or "gpu" => DeviceKind.Cuda,
            _ => throw new ArgumentException($"Invalid device '{name}'; expected auto, cpu or cuda.", nameof(name)),
        };
    }

    /// <summary>Seeds libtorch's generators so that weight initialisation, dropout and shuffling repeat.</summary>
    /// <param name="seed">The seed.</param>
    public static void SetRandomSeed(long seed)
    {
        NativeLibraryLoader.EnsureLoaded();
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
        {
            torch.cuda.manual_seed_all(seed);
        }
    }

    /// <summary>Resets the layer-name counters, as Keras's <c>clear_session</c> does.</summary>
    public static void ClearSession()
    {
        lock (Gate)
        {
            NameCounters.Clear();
        }
    }

    /// <summary>Returns a name unique in this session: <paramref name="prefix"/>, then <c>prefix_1</c>, <c>prefix_2</c>...</summary>
    internal static string UniqueName(string prefix)
    {
        lock (Gate)
        {
            NameCounters.TryGetValue(prefix, out var count);
            NameCounters[prefix] = count + 1;
            return count == 0 ? prefix : $"{prefix}_{count}";
        }
    }

    private static torch.Device ResolveDevice(DeviceKind kind)
    {
        NativeLibraryLoader.EnsureLoaded();
        var cudaAvailable = torch.cuda.is_available();
        return kind switch
        {
            DeviceKind.Cpu => torch.CPU,
            DeviceKind.Cuda when cudaAvailable => torch.CUDA,
            DeviceKind.Cuda => throw new NotSupportedException(
                "Device 'cuda' was requested but no CUDA device is available to libtorch; use --device cpu, or build with -p:KerasClassifierDevice=cuda on a machine with an NVIDIA driver."),
            _ => cudaAvailable ? torch.CUDA : torch.CPU,
        };
    }
}
