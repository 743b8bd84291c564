using System.Diagnostics;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Optimizers;
using TorchSharp;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// Memory held across a long <c>Fit</c>: the working set and the tensor counts of TorchSharp's
/// dispose-scope statistics after every epoch, to show that nothing grows from epoch to epoch.
/// </summary>
internal static class MemoryBenchmark
{
    /// <summary>Trains the workload's model for <see cref="BenchmarkSettings.Epochs"/> epochs of <see cref="BenchmarkSettings.Steps"/> steps and writes one result per epoch and a summary.</summary>
    /// <param name="settings">The workload, epochs and steps.</param>
    /// <param name="writer">Where results go.</param>
    public static void Run(BenchmarkSettings settings, ResultWriter writer)
    {
        var workload = Workload.Get(settings.Workload);
        var (x, y) = workload.CreateData(settings.Steps * workload.BatchSize, settings.Seed);
        KerasBackend.SetRandomSeed(settings.Seed);
        var model = workload.CreateModel();
        model.Compile(new Adam(), new SparseCategoricalCrossentropy(), ["accuracy"]);

        var probe = new MemoryProbe(writer, ThroughputBenchmark.CommonFields(settings, workload), settings.Steps);
        model.Fit(x, y, batchSize: workload.BatchSize, epochs: settings.Epochs, shuffle: true, seed: settings.Seed, callbacks: [probe]);

        // Compare a settled epoch with the last: the first epochs still grow caches and allocator pools.
        var settled = Math.Min(5, settings.Epochs);
        var first = probe.WorkingSetMiB[settled - 1];
        var last = probe.WorkingSetMiB[^1];
        writer.Write(new Dictionary<string, object?>(ThroughputBenchmark.CommonFields(settings, workload))
        {
            ["kind"] = "memory_summary",
            ["epochs"] = settings.Epochs,
            ["settled_epoch"] = settled,
            ["working_set_settled_mib"] = first,
            ["working_set_last_mib"] = last,
            ["growth_percent"] = Math.Round((last - first) / first * 100, 2),
            ["peak_working_set_mib"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
            ["tensors_created_per_step"] = probe.CreatedPerStep,
            ["tensors_disposed_per_step"] = probe.DisposedPerStep,
            ["live_tensors_last"] = probe.LiveTensors,
        });
    }

    /// <summary>Records memory and tensor counts at the end of every epoch.</summary>
    private sealed class MemoryProbe : Callback
    {
        private readonly ResultWriter writer;
        private readonly Dictionary<string, object?> common;
        private readonly int steps;
        private readonly Process process = Process.GetCurrentProcess();
        private long createdBefore;
        private long disposedBefore;

        public MemoryProbe(ResultWriter writer, Dictionary<string, object?> common, int steps)
        {
            this.writer = writer;
            this.common = common;
            this.steps = steps;
        }

        public List<double> WorkingSetMiB { get; } = [];

        public double CreatedPerStep { get; private set; }

        public double DisposedPerStep { get; private set; }

        public long LiveTensors { get; private set; }

        public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
        {
            DisposeScopeManager.Statistics.Reset();
        }

        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
        {
            // Statistics are per thread; Fit runs its steps and callbacks on the calling thread.
            var statistics = DisposeScopeManager.Statistics;
            var created = statistics.CreatedInScopeCount + statistics.CreatedOutsideScopeCount;
            var disposed = statistics.DisposedInScopeCount + statistics.DisposedOutsideScopeCount;
            CreatedPerStep = Math.Round((created - createdBefore) / (double)steps, 2);
            DisposedPerStep = Math.Round((disposed - disposedBefore) / (double)steps, 2);
            LiveTensors = statistics.ThreadTotalLiveCount;
            createdBefore = created;
            disposedBefore = disposed;

            process.Refresh();
            var workingSet = Math.Round(process.WorkingSet64 / 1048576.0, 1);
            var managedHeap = Math.Round(GC.GetTotalMemory(false) / 1048576.0, 1);

            // Garbage awaiting collection moved the managed heap between 16 and 40 MiB from epoch to
            // epoch, enough to hide or fake a trend. So the comparison reads the working set after a
            // full collection, which also returns the freed pages to the system.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            process.Refresh();
            var collectedWorkingSet = Math.Round(process.WorkingSet64 / 1048576.0, 1);
            WorkingSetMiB.Add(collectedWorkingSet);
            writer.Write(new Dictionary<string, object?>(common)
            {
                ["kind"] = "memory_epoch",
                ["epoch"] = epoch + 1,
                ["working_set_mib"] = workingSet,
                ["working_set_collected_mib"] = collectedWorkingSet,
                ["managed_heap_mib"] = managedHeap,
                ["gen0_collections"] = GC.CollectionCount(0),
                ["gen2_collections"] = GC.CollectionCount(2),
                ["tensors_created_per_step"] = CreatedPerStep,
                ["tensors_disposed_per_step"] = DisposedPerStep,
                ["live_tensors"] = LiveTensors,
                ["loss"] = logs.GetValueOrDefault("loss"),
            });
        }
    }
}
