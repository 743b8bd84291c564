using System.Diagnostics;

namespace KerasClassifier.Benchmarks;

/// <summary>The CPU time the process has used, all threads together, user and kernel.</summary>
internal static class CpuTime
{
    /// <summary>Returns the process's total CPU time so far, in seconds.</summary>
    public static double Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }
}
