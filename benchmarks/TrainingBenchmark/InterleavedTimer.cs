using System.Diagnostics;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// Times contenders in alternating order (A B, then B A, ...) so that a change in machine load
/// during the run falls on all of them alike, and writes one result per contender and round.
/// </summary>
/// <remarks>
/// Each result has the wall time and the process's CPU time. On a machine shared with other jobs the
/// CPU time varies less, since it leaves out the time the process waited for a core.
/// </remarks>
internal sealed class InterleavedTimer
{
    private readonly ResultWriter writer;
    private readonly Dictionary<string, object?> common;

    /// <summary>Initializes a new instance of the <see cref="InterleavedTimer"/> class.</summary>
    /// <param name="writer">Where results go.</param>
    /// <param name="common">Fields added to every result, such as the workload and thread count.</param>
    public InterleavedTimer(ResultWriter writer, Dictionary<string, object?> common)
    {
        this.writer = writer;
        this.common = common;
    }

    /// <summary>Runs every contender once per round and writes its images per second.</summary>
    /// <param name="phase">The measured phase, e.g. <c>fit</c> or <c>predict</c>.</param>
    /// <param name="rounds">The number of rounds.</param>
    /// <param name="images">The images one run processes.</param>
    /// <param name="contenders">The contenders by name, <c>contender/memory_format</c> where a format applies; each action runs once per round.</param>
    public void Run(string phase, int rounds, long images, IReadOnlyList<(string Name, Action Run)> contenders)
    {
        for (var round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? contenders : contenders.Reverse().ToArray();
            foreach (var (name, run) in order)
            {
                var gen2 = GC.CollectionCount(2);
                var pause = GC.GetTotalPauseDuration();
                var cpu = CpuTime.Now();
                var watch = Stopwatch.StartNew();
                run();
                var seconds = watch.Elapsed.TotalSeconds;
                var cpuSeconds = CpuTime.Now() - cpu;
                var fields = new Dictionary<string, object?>(common)
                {
                    ["kind"] = "throughput",
                    ["contender"] = name.Split('/')[0],
                    ["memory_format"] = name.Contains('/') ? name.Split('/')[1] : null,
                    ["phase"] = phase,
                    ["round"] = round,
                    ["images"] = images,
                    ["seconds"] = Math.Round(seconds, 4),
                    ["images_per_s"] = Math.Round(images / seconds, 2),
                    ["cpu_seconds"] = Math.Round(cpuSeconds, 4),
                    ["images_per_cpu_s"] = Math.Round(images / cpuSeconds, 2),
                    ["gen2_collections"] = GC.CollectionCount(2) - gen2,
                    ["gc_pause_ms"] = Math.Round((GC.GetTotalPauseDuration() - pause).TotalMilliseconds, 1),
                };
                writer.Write(fields);
            }
        }
    }
}
