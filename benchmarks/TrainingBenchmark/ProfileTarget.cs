using KerasClassifier.Keras.Backend;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// Runs one contender's training or prediction alone for <see cref="BenchmarkSettings.Rounds"/> passes, so
/// that a sampling profiler (for example <c>perf record</c>) records that contender alone.
/// </summary>
internal static class ProfileTarget
{
    /// <summary>The contender names this mode accepts.</summary>
    public static readonly string[] Contenders = ["keras", "torchsharp", "torchsharp_channels_last"];

    /// <summary>Runs the named contender's training or prediction and writes one throughput result per pass.</summary>
    /// <param name="settings">The workload, contender, threads, rounds and steps.</param>
    /// <param name="writer">Where results go.</param>
    public static void Run(BenchmarkSettings settings, ResultWriter writer)
    {
        var workload = Workload.Get(settings.Workload);
        var examples = settings.Steps * workload.BatchSize;
        var (x, y) = workload.CreateData(examples, settings.Seed);
        KerasBackend.SetRandomSeed(settings.Seed);
        var model = workload.CreateModel();
        var timer = new InterleavedTimer(writer, ThroughputBenchmark.CommonFields(settings, workload));

        if (settings.Contender == "keras")
        {
            var library = new LibraryContender(model, workload.BatchSize, settings.Seed);
            Action run = settings.Phase == "fit" ? () => library.TrainEpoch(x, y) : () => library.Predict(x);
            timer.Run(settings.Phase, settings.Rounds, examples, [("keras", run)]);
            return;
        }

        var channelsLast = settings.Contender == "torchsharp_channels_last";
        using var module = workload.CreateHandWritten(model, channelsLast);
        using var loop = new HandWrittenLoop(module, x, y, workload.BatchSize, settings.Seed) { ChannelsLastInputs = channelsLast };
        Action runLoop = settings.Phase == "fit" ? () => loop.TrainEpoch() : () => loop.Predict();
        timer.Run(settings.Phase, settings.Rounds, examples, [(settings.Contender, runLoop)]);
    }
}
