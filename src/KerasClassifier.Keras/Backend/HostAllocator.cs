using System.Runtime.InteropServices;

namespace KerasClassifier.Keras.Backend;

/// <summary>
/// Sets how glibc's malloc, which libtorch's CPU allocator calls for every tensor, hands freed memory
/// back to the operating system. Does nothing where glibc is not the C library.
/// </summary>
internal static unsafe class HostAllocator
{
    // mallopt parameter numbers from glibc's malloc.h.
    private const int TrimThresholdParameter = -1;
    private const int MmapThresholdParameter = -3;

    // glibc's defaults (128 KiB each) and the largest mmap threshold it accepts on 64-bit systems (32 MiB).
    private const int DefaultThreshold = 128 * 1024;
    private const int MaximumMmapThreshold = 32 * 1024 * 1024;

    private static readonly delegate* unmanaged<int, int, int> Mallopt = FindMallopt();

    /// <summary>Gets a value indicating whether the C library has glibc's <c>mallopt</c>, so that <see cref="Configure"/> has an effect.</summary>
    public static bool IsSupported => Mallopt != null;

    /// <summary>Keeps freed blocks up to 32 MiB in the heap for reuse, or sets glibc's initial thresholds (128 KiB) again.</summary>
    /// <param name="keepFreedMemory">True to keep freed memory in the process; false for glibc's defaults.</param>
    /// <returns>True when both settings were applied; false where glibc is missing or rejected a value.</returns>
    public static bool Configure(bool keepFreedMemory)
    {
        if (!IsSupported)
        {
            return false;
        }

        // A fixed mmap threshold also turns off glibc's dynamic threshold, which otherwise drifts with
        // the sizes freed so far and makes the step time depend on the allocation history.
        var mmapThreshold = keepFreedMemory ? MaximumMmapThreshold : DefaultThreshold;
        var trimThreshold = keepFreedMemory ? int.MaxValue : DefaultThreshold;
        var mmapApplied = Mallopt(MmapThresholdParameter, mmapThreshold) == 1;
        var trimApplied = Mallopt(TrimThresholdParameter, trimThreshold) == 1;
        return mmapApplied && trimApplied;
    }

    private static delegate* unmanaged<int, int, int> FindMallopt()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc))
        {
            return null;
        }

        // Only glibc exports gnu_get_libc_version; other C libraries may ignore these mallopt parameters.
        return NativeLibrary.TryGetExport(libc, "mallopt", out var address) && NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _)
            ? (delegate* unmanaged<int, int, int>)address
            : null;
    }
}
