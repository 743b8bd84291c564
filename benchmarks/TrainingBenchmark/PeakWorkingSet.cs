namespace KerasClassifier.Benchmarks;

/// <summary>
/// The process's resident set size and its peak since the last reset, read from Linux's
/// <c>/proc/self/status</c> (<c>VmRSS</c>, <c>VmHWM</c>).
/// </summary>
/// <remarks>
/// Writing 5 to <c>/proc/self/clear_refs</c> resets the peak to the current resident size, so the
/// peak can be read for one pass alone. Where these files are missing every value is null.
/// </remarks>
internal static class PeakWorkingSet
{
    private const string StatusFile = "/proc/self/status";
    private const string ClearRefsFile = "/proc/self/clear_refs";

    /// <summary>Collects garbage, resets the peak and returns the working set the pass starts from, in MiB.</summary>
    /// <returns>The working set in MiB, or null where the files are missing.</returns>
    public static double? Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        if (!File.Exists(ClearRefsFile))
        {
            return null;
        }

        File.WriteAllText(ClearRefsFile, "5");
        return Read("VmRSS:");
    }

    /// <summary>Returns the peak working set since the last <see cref="Reset"/>, in MiB.</summary>
    /// <returns>The peak in MiB, or null where the file is missing.</returns>
    public static double? Peak() => Read("VmHWM:");

    private static double? Read(string field)
    {
        if (!File.Exists(StatusFile))
        {
            return null;
        }

        // The line reads e.g. "VmHWM:     218420 kB".
        var line = File.ReadLines(StatusFile).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var kilobytes = long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return Math.Round(kilobytes / 1024.0, 1);
    }
}
