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
    private static bool keepFreedHostMemory = true;
    private static bool hostMemoryConfigured;

    /// <summary>
    /// Gets or sets a value indicating whether the process's C heap keeps freed memory for reuse
    /// instead of returning it to the operating system (default true). It takes effect when the backend
    /// selects its device, on Linux with glibc only, where it sets glibc's <c>M_MMAP_THRESHOLD</c> to
    /// 32 MiB and turns heap trimming off.
    /// </summary>
    /// <remarks>
    /// <para>
    /// libtorch allocates each activation and gradient with malloc and frees it within the step. With
    /// glibc's defaults, large blocks and free memory at the top of the heap go back to the operating
    /// system. The next step then faults the pages in again, and the kernel zeroes each one: about
    /// 17,000 page faults per SmallCnn training step at 64x64, batch 32. Keeping the memory cuts the
    /// page faults about tenfold and makes that training about 1.25 times as fast (docs/benchmarks.md).
    /// The cost is that the process holds on to its peak heap until it exits.
    /// </para>
    /// <para>
    /// The setting is process-wide, like <c>GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432</c>.
    /// Set it to false before the first model is built to leave glibc's settings untouched. Set to
    /// false later, it restores glibc's initial thresholds (128 KiB) but not glibc's dynamic mmap
    /// threshold, which cannot be turned back on in a running process.
    /// </para>
    /// </remarks>
    public static bool KeepFreedHostMemory
    {
        get
        {
            lock (Gate)
            {
                return keepFreedHostMemory;
            }
        }

        set
        {
            lock (Gate)
            {
                keepFreedHostMemory = value;
                if (device is not null)
                {
                    ConfigureHostMemory();
                }
            }
        }
    }

    /// <summary>Gets or sets the number of threads libtorch uses inside one CPU operation (its intra-op threads).</summary>
    /// <remarks>
    /// libtorch starts with one thread per physical core. On a machine that other jobs also load, fewer
    /// threads can be much faster: with a load average of about 22 on 2 cores, the default CNN trained
    /// 2.7 times as fast on 1 thread as on 2, because libtorch's OpenMP threads spin while they wait for
    /// each other (docs/benchmarks.md).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int Threads
    {
        get
        {
            NativeLibraryLoader.EnsureLoaded();
            return torch.get_num_threads();
        }

        set
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Invalid thread count {value}; expected 1 or more.");
            }

            NativeLibraryLoader.EnsureLoaded();
            torch.set_num_threads(value);
        }
    }

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

    /// <summary>Applies <see cref="KeepFreedHostMemory"/>; called under <see cref="Gate"/>.</summary>
    private static void ConfigureHostMemory()
    {
        if (keepFreedHostMemory || hostMemoryConfigured)
        {
            hostMemoryConfigured = HostAllocator.Configure(keepFreedHostMemory) && keepFreedHostMemory;
        }
    }

    private static torch.Device ResolveDevice(DeviceKind kind)
    {
        NativeLibraryLoader.EnsureLoaded();
        ConfigureHostMemory();
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
