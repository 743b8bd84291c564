using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// Training and prediction throughput of the library against the hand-written TorchSharp loop, in
/// one process, on the same images and the same initial weights, timed in alternating order.
/// </summary>
internal static class ThroughputBenchmark
{
    /// <summary>Runs the warm-up, then the timed rounds of training and of prediction.</summary>
    /// <param name="settings">The workload, threads, rounds and steps.</param>
    /// <param name="writer">Where results go.</param>
    public static void Run(BenchmarkSettings settings, ResultWriter writer)
    {
        var workload = Workload.Get(settings.Workload);
        var examples = settings.Steps * workload.BatchSize;
        var warmupExamples = settings.WarmupSteps * workload.BatchSize;
        var (x, y) = workload.CreateData(examples, settings.Seed);
        var (warmupX, warmupY) = workload.CreateData(warmupExamples, settings.Seed + 1);

        KerasBackend.SetRandomSeed(settings.Seed);
        var model = workload.CreateModel();
        var library = new LibraryContender(model, workload.BatchSize, settings.Seed);
        using var nchwModule = workload.CreateHandWritten(model, channelsLast: false);
        using var nchw = new HandWrittenLoop(nchwModule, x, y, workload.BatchSize, settings.Seed);
        using var nhwcModule = workload.CreateHandWritten(model, channelsLast: true);
        using var nhwc = new HandWrittenLoop(nhwcModule, x, y, workload.BatchSize, settings.Seed) { ChannelsLastInputs = true };

        // Warm-up: the first steps allocate kernels' scratch memory and JIT-compile the .NET code.
        library.TrainEpoch(warmupX, warmupY);
        library.Predict(warmupX);
        foreach (var loop in new[] { nchw, nhwc })
        {
            loop.TrainEpoch(warmupExamples);
            loop.Predict(warmupExamples);
        }

        var timer = new InterleavedTimer(writer, CommonFields(settings, workload));
        timer.Run("fit", settings.Rounds, examples, [
            ("keras", () => library.TrainEpoch(x, y)),
            ("torchsharp/nchw", () => nchw.TrainEpoch()),
            ("torchsharp/channels_last", () => nhwc.TrainEpoch()),
        ]);
        timer.Run("predict", settings.Rounds, examples, [
            ("keras", () => library.Predict(x)),
            ("torchsharp/nchw", () => nchw.Predict()),
            ("torchsharp/channels_last", () => nhwc.Predict()),
        ]);
    }

    /// <summary>Returns the fields every result of this process carries.</summary>
    public static Dictionary<string, object?> CommonFields(BenchmarkSettings settings, Workload workload) => new()
    {
        ["workload"] = workload.Name,
        ["description"] = workload.Description,
        ["threads"] = get_num_threads(),
        ["batch_size"] = workload.BatchSize,
        ["steps"] = settings.Steps,
        ["host_memory"] = KerasBackend.KeepFreedHostMemory ? "keep" : "release",
    };
}
