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

        WriteParity(writer, settings, workload, model, x, [("nchw", nchwModule, nchw), ("channels_last", nhwcModule, nhwc)]);

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

    /// <summary>
    /// Writes how far the hand-written modules' first predictions are from the library model's, before
    /// any training, and their trainable parameter counts: near-zero differences and equal counts show
    /// that both sides run the same network with the same weights.
    /// </summary>
    private static void WriteParity(
        ResultWriter writer,
        BenchmarkSettings settings,
        Workload workload,
        KerasClassifier.Keras.Models.Model model,
        KerasClassifier.Keras.NDArray x,
        IReadOnlyList<(string Format, nn.Module<Tensor, Tensor> Module, HandWrittenLoop Loop)> handWritten)
    {
        var count = Math.Min(x.Length, workload.BatchSize);
        var exampleSize = x.Data.Length / x.Length;
        var first = new KerasClassifier.Keras.NDArray(x.Data[..(count * exampleSize)], [count, .. x.Shape.Skip(1)]);
        var expected = model.Predict(first, batchSize: workload.BatchSize).Data;
        var libraryParameters = model.TrainableWeights.Sum(w => w.Count);
        foreach (var (format, module, loop) in handWritten)
        {
            var actual = loop.Predict(count);
            var maxDifference = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
            writer.Write(new Dictionary<string, object?>(CommonFields(settings, workload))
            {
                ["kind"] = "parity",
                ["memory_format"] = format,
                ["max_abs_difference"] = maxDifference,
                ["parameters"] = module.parameters().Sum(p => p.numel()),
                ["library_parameters"] = libraryParameters,
            });
        }
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
