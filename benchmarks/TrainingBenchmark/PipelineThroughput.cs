using System.Diagnostics;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Optimizers;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// Input-pipeline throughput at the workload's image size and batch size, to set beside the
/// training rate: decoding alone, and <c>Fit</c> fed by the decoding pipeline.
/// </summary>
internal static class PipelineThroughput
{
    /// <summary>Measures each variant for <see cref="BenchmarkSettings.Rounds"/> rounds.</summary>
    /// <param name="settings">The workload, data folder, threads and rounds.</param>
    /// <param name="writer">Where results go.</param>
    /// <returns>The process exit code: 0, or 2 when the image folder is missing.</returns>
    public static int Run(BenchmarkSettings settings, ResultWriter writer)
    {
        var folder = settings.DataFolder ?? DefaultFolder();
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"error: image folder '{folder}' was not found; pass one subfolder per class with --data.");
            return 2;
        }

        var workload = Workload.Get(settings.Workload);
        var size = (workload.ImageSize, workload.ImageSize);
        var dataset = Dataset.FromDirectory(
            folder, batchSize: workload.BatchSize, imageSize: size, seed: settings.Seed, numParallelCalls: settings.Threads);
        var common = ThroughputBenchmark.CommonFields(settings, workload);
        common["decode_workers"] = settings.Threads;

        // Warm-up: loads the decoder. A memory cache (Cache()) is left out: it yields stored batches from a list.
        dataset.Take(2).Sum(b => b.Count);

        for (var round = 0; round < settings.Rounds; round++)
        {
            Time(writer, common, "decode", round, () => dataset.Sum(b => (long)b.Count));
        }

        // Fit fed by the decoding pipeline, prefetching one batch, next to the in-memory rate of the throughput mode.
        KerasBackend.SetRandomSeed(settings.Seed);
        var model = workload.CreateModel();
        var classes = dataset.ClassNames.Count;
        if (classes != workload.Classes)
        {
            model = Keras.Applications.SmallCnn.Create([workload.ImageSize, workload.ImageSize, 3], classes);
        }

        model.Compile(new Adam(), new SparseCategoricalCrossentropy(), ["accuracy"]);
        var stream = dataset.Repeat().Prefetch(2);
        model.Fit(stream, epochs: 1, stepsPerEpoch: settings.WarmupSteps);
        for (var round = 0; round < settings.Rounds; round++)
        {
            Time(writer, common, "fit_from_files", round, () =>
            {
                model.Fit(stream, epochs: 1, stepsPerEpoch: settings.Steps);
                return (long)settings.Steps * workload.BatchSize;
            });
        }

        return 0;
    }

    private static void Time(ResultWriter writer, Dictionary<string, object?> common, string variant, int round, Func<long> run)
    {
        var cpu = CpuTime.Now();
        var watch = Stopwatch.StartNew();
        var images = run();
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = CpuTime.Now() - cpu;
        writer.Write(new Dictionary<string, object?>(common)
        {
            ["kind"] = "pipeline",
            ["variant"] = variant,
            ["round"] = round,
            ["images"] = images,
            ["seconds"] = Math.Round(seconds, 4),
            ["images_per_s"] = Math.Round(images / seconds, 2),
            ["cpu_seconds"] = Math.Round(cpuSeconds, 4),
        });
    }

    /// <summary>Returns the grocery training split that the tests read, beside the repository root.</summary>
    private static string DefaultFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KerasClassifier.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.Parent is null
            ? "grocery/train"
            : Path.Combine(directory.Parent.FullName, "shared", "data", "grocery", "train");
    }
}
