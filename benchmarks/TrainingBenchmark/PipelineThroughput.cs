using System.Diagnostics;
using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using static TorchSharp.torch;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// The input pipeline that <c>kerasclassifier fit</c> runs by default, next to the training it feeds:
/// images per second of decode + resize and of decode + resize + the <c>light</c> augmentation at 128
/// and 224 pixels with 1 and 2 decoding workers, SmallCnn's training rate at the same sizes, <c>Fit</c>
/// fed from files, and a check that a cached second epoch decodes nothing.
/// </summary>
/// <remarks>
/// <c>fit</c> reads a folder with <see cref="Dataset.FromDirectory"/> (batch 32, shuffled) and puts the
/// augmentation layers at the front of the model, so they run on each batch on the training thread.
/// The augmented pass does the same: it makes each batch one tensor, as <c>Fit</c> does, and runs the
/// preset's layers on it in training mode.
/// </remarks>
internal static class PipelineThroughput
{
    /// <summary>The CLI's default <c>--batch-size</c>.</summary>
    public const int BatchSize = 32;

    /// <summary>The CLI's default <c>--augment</c> preset.</summary>
    public const string AugmentationPreset = "light";

    private static readonly int[] ImageSizes = [128, 224];
    private static readonly int[] DecodingWorkers = [1, 2];

    /// <summary>Runs every measurement of the pipeline table, <see cref="BenchmarkSettings.Rounds"/> rounds each.</summary>
    /// <param name="settings">The data folder, threads, rounds and steps.</param>
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

        // The decoding passes run first, so that their working set is not that of the training runs,
        // whose freed memory the C heap keeps for reuse (KerasBackend.KeepFreedHostMemory).
        foreach (var size in ImageSizes)
        {
            foreach (var workers in DecodingWorkers)
            {
                MeasureDecoding(settings, writer, folder, size, workers);
            }
        }

        CacheCheck.Run(settings, writer, folder, ImageSizes[0]);

        // Fit fed from files is measured at the smaller size only, beside the in-memory rate.
        foreach (var size in ImageSizes)
        {
            PipelineTraining.Run(settings, writer, folder, size, withFiles: size == ImageSizes[0]);
        }

        return 0;
    }

    /// <summary>Returns the fields of every pipeline result at one image size.</summary>
    public static Dictionary<string, object?> Fields(BenchmarkSettings settings, int size, int? workers) => new()
    {
        ["kind"] = "pipeline",
        ["threads"] = get_num_threads(),
        ["batch_size"] = BatchSize,
        ["image_size"] = size,
        ["decode_workers"] = workers,
        ["batch_mib"] = Math.Round((double)BatchSize * size * size * 3 * sizeof(float) / 1048576, 2),
        ["host_memory"] = Keras.Backend.KerasBackend.KeepFreedHostMemory ? "keep" : "release",
    };

    /// <summary>Times one run and writes its rate, CPU time and the peak working set it reached.</summary>
    /// <param name="writer">Where the result goes.</param>
    /// <param name="fields">The fields of the configuration.</param>
    /// <param name="variant">What ran, e.g. <c>decode</c>.</param>
    /// <param name="round">The 0-based round.</param>
    /// <param name="run">The run; returns the images it processed.</param>
    public static void Measure(ResultWriter writer, Dictionary<string, object?> fields, string variant, int round, Func<long> run)
    {
        var workingSet = PeakWorkingSet.Reset();
        var cpu = CpuTime.Now();
        var watch = Stopwatch.StartNew();
        var images = run();
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = CpuTime.Now() - cpu;
        writer.Write(new Dictionary<string, object?>(fields)
        {
            ["variant"] = variant,
            ["round"] = round,
            ["images"] = images,
            ["seconds"] = Math.Round(seconds, 4),
            ["images_per_s"] = Math.Round(images / seconds, 2),
            ["cpu_seconds"] = Math.Round(cpuSeconds, 4),
            ["working_set_before_mib"] = workingSet,
            ["peak_working_set_mib"] = PeakWorkingSet.Peak(),
        });
    }

    /// <summary>Returns the grocery training split that the tests read, beside the repository root.</summary>
    public static string DefaultFolder()
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

    /// <summary>Measures full passes over the folder, decoding alone and decoding with augmentation, alternating.</summary>
    private static void MeasureDecoding(BenchmarkSettings settings, ResultWriter writer, string folder, int size, int workers)
    {
        var dataset = Dataset.FromDirectory(
            folder, batchSize: BatchSize, imageSize: (size, size), shuffle: true, seed: settings.Seed, numParallelCalls: workers);
        var augmentation = new Sequential([new InputLayer([size, size, 3]), .. AugmentationPresets.Create(AugmentationPreset, settings.Seed)]);
        var fields = Fields(settings, size, workers);

        // Warm-up: loads the decoder and builds the augmentation layers.
        foreach (var batch in dataset.Take(2))
        {
            Augment(augmentation, batch);
        }

        (string Variant, Func<long> Run)[] variants =
        [
            ("decode", () => dataset.Sum(Consume)),
            ("decode_augment", () => dataset.Sum(b => Augment(augmentation, b))),
        ];
        for (var round = 0; round < settings.Rounds; round++)
        {
            foreach (var (variant, run) in round % 2 == 0 ? variants : Enumerable.Reverse(variants))
            {
                Measure(writer, fields, variant, round, run);
            }
        }
    }

    /// <summary>Augments one batch as training does; returns its image count.</summary>
    private static long Augment(Model augmentation, ImageBatch batch)
    {
        // Fit makes the batch one tensor, then the model's first layers run in training mode.
        using var scope = NewDisposeScope();
        var images = tensor(batch.Images, [batch.Count, batch.Height, batch.Width, batch.Channels]);
        augmentation.Apply(images, training: true);
        return Consume(batch);
    }

    /// <summary>Hands the batch's pixels back for reuse, as Fit does once a step has copied them.</summary>
    private static long Consume(ImageBatch batch)
    {
        batch.ReleasePooledImages();
        return batch.Count;
    }
}
