using KerasClassifier.Keras.Data;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// SmallCnn's training rate at a pipeline table's image size: <c>Fit</c> on in-memory arrays and,
/// where asked, <c>Fit</c> fed from the image files, timed in alternating order on one model.
/// </summary>
/// <remarks>
/// The model has no augmentation layers, so the in-memory rate is the training work that the
/// pipeline must keep up with. Fed from files, the dataset is <c>fit</c>'s (batch 32, shuffled, one
/// decoding worker per processor) with <c>Repeat()</c> and <c>Prefetch(2)</c>.
/// </remarks>
internal static class PipelineTraining
{
    /// <summary>Runs the warm-up, then <see cref="BenchmarkSettings.Rounds"/> rounds of <see cref="BenchmarkSettings.Steps"/> steps each.</summary>
    /// <param name="settings">The threads, rounds, steps and seed.</param>
    /// <param name="writer">Where results go.</param>
    /// <param name="folder">The image folder.</param>
    /// <param name="size">The image side in pixels.</param>
    /// <param name="withFiles">Whether to measure <c>Fit</c> fed from files as well.</param>
    public static void Run(BenchmarkSettings settings, ResultWriter writer, string folder, int size, bool withFiles)
    {
        var dataset = Dataset.FromDirectory(
            folder, batchSize: PipelineThroughput.BatchSize, imageSize: (size, size), shuffle: true, seed: settings.Seed);
        var workload = new Workload("pipeline", $"SmallCnn {size}x{size}, batch {PipelineThroughput.BatchSize}", size, PipelineThroughput.BatchSize, dataset.ClassNames.Count);
        var (x, y) = workload.CreateData(settings.Steps * workload.BatchSize, settings.Seed);
        var (warmupX, warmupY) = workload.CreateData(settings.WarmupSteps * workload.BatchSize, settings.Seed + 1);

        Keras.Backend.KerasBackend.SetRandomSeed(settings.Seed);
        var model = workload.CreateModel();
        var library = new LibraryContender(model, workload.BatchSize, settings.Seed);
        library.TrainEpoch(warmupX, warmupY);

        var images = (long)settings.Steps * workload.BatchSize;
        var contenders = new List<(string Variant, Dictionary<string, object?> Fields, Func<long> Run)>
        {
            ("fit_in_memory", PipelineThroughput.Fields(settings, size, null), () =>
            {
                library.TrainEpoch(x, y);
                return images;
            }),
        };

        if (withFiles)
        {
            var stream = dataset.Repeat().Prefetch(2);
            model.Fit(stream, epochs: 1, stepsPerEpoch: settings.WarmupSteps);
            contenders.Add(("fit_from_files", PipelineThroughput.Fields(settings, size, Environment.ProcessorCount), () =>
            {
                model.Fit(stream, epochs: 1, stepsPerEpoch: settings.Steps);
                return images;
            }));
        }

        for (var round = 0; round < settings.Rounds; round++)
        {
            var order = round % 2 == 0 ? contenders : Enumerable.Reverse(contenders);
            foreach (var (variant, fields, run) in order)
            {
                PipelineThroughput.Measure(writer, fields, variant, round, run);
            }
        }
    }
}
