using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// The effect of one setting at a time, measured on the hand-written loop so that the library's own
/// overhead stays out: reading the loss every step, channels_last memory, inference mode, and
/// thread count. Each pair runs interleaved in one process.
/// </summary>
internal static class TuningBenchmark
{
    /// <summary>Runs every setting pair for <see cref="BenchmarkSettings.Rounds"/> rounds.</summary>
    /// <param name="settings">The workload, threads, rounds and steps.</param>
    /// <param name="writer">Where results go.</param>
    public static void Run(BenchmarkSettings settings, ResultWriter writer)
    {
        var workload = Workload.Get(settings.Workload);
        var examples = settings.Steps * workload.BatchSize;
        var warmupExamples = settings.WarmupSteps * workload.BatchSize;
        var (x, y) = workload.CreateData(examples, settings.Seed);

        KerasBackend.SetRandomSeed(settings.Seed);
        var model = workload.CreateModel();
        using var nchwModule = workload.CreateHandWritten(model, channelsLast: false);
        using var nhwcModule = workload.CreateHandWritten(model, channelsLast: true);
        using var nchw = new HandWrittenLoop(nchwModule, x, y, workload.BatchSize, settings.Seed);
        using var nhwc = new HandWrittenLoop(nhwcModule, x, y, workload.BatchSize, settings.Seed) { ChannelsLastInputs = true };

        nchw.TrainEpoch(warmupExamples);
        nhwc.TrainEpoch(warmupExamples);
        nchw.Predict(warmupExamples);
        nhwc.Predict(warmupExamples);

        var timer = new InterleavedTimer(writer, ThroughputBenchmark.CommonFields(settings, workload));
        timer.Run("fit", settings.Rounds, examples, [
            ("nchw", () => nchw.TrainEpoch()),
            ("channels_last", () => nhwc.TrainEpoch()),
        ]);
        timer.Run("predict", settings.Rounds, examples, [
            ("nchw", () => nchw.Predict()),
            ("channels_last", () => nhwc.Predict()),
        ]);
        timer.Run("fit", settings.Rounds, examples, [
            ("loss_read_at_end", () => Toggle(nchw, readLoss: false).TrainEpoch()),
            ("loss_read_every_step", () => Toggle(nchw, readLoss: true).TrainEpoch()),
        ]);
        Toggle(nchw, readLoss: false);
        timer.Run("predict", settings.Rounds, examples, [
            ("no_grad", () => Mode(nchw, inference: false).Predict()),
            ("inference_mode", () => Mode(nchw, inference: true).Predict()),
        ]);
        Mode(nchw, inference: false);

        // Thread count: the settings' count against every processor.
        var all = Environment.ProcessorCount;
        if (all != settings.Threads)
        {
            timer.Run("fit", settings.Rounds, examples, [
                ($"threads_{settings.Threads}", () => WithThreads(settings.Threads, () => nchw.TrainEpoch())),
                ($"threads_{all}", () => WithThreads(all, () => nchw.TrainEpoch())),
            ]);
        }
    }

    private static HandWrittenLoop Toggle(HandWrittenLoop loop, bool readLoss)
    {
        loop.ReadLossEveryStep = readLoss;
        return loop;
    }

    private static HandWrittenLoop Mode(HandWrittenLoop loop, bool inference)
    {
        loop.InferenceMode = inference;
        return loop;
    }

    private static void WithThreads(int threads, Action run)
    {
        var before = get_num_threads();
        set_num_threads(threads);
        try
        {
            run();
        }
        finally
        {
            set_num_threads(before);
        }
    }
}
