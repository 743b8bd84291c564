using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Optimizers;

namespace KerasClassifier.Benchmarks;

/// <summary>
/// Checks that a dataset cached in memory decodes nothing in its second epoch: two epochs of
/// <c>Fit</c> on a tenth of the folder, with a counting stage between the decoding source and <c>Cache()</c>.
/// </summary>
/// <remarks>
/// The source yields an image only by decoding it, and it runs only when a pass over it is opened, so
/// the images it yields and the passes opened count the decoder's work.
/// </remarks>
internal static class CacheCheck
{
    /// <summary>Trains two epochs and writes the images decoded in each, the cache's size and the peak working set.</summary>
    /// <param name="settings">The threads and seed.</param>
    /// <param name="writer">Where the result goes.</param>
    /// <param name="folder">The image folder.</param>
    /// <param name="size">The image side in pixels.</param>
    public static void Run(BenchmarkSettings settings, ResultWriter writer, string folder, int size)
    {
        var source = Dataset.FromDirectory(
            folder, batchSize: PipelineThroughput.BatchSize, imageSize: (size, size), shuffle: true, seed: settings.Seed,
            validationSplit: 0.1, subset: "validation");
        var counter = new CountingBatchDataset(source);
        var cached = counter.Cache();

        Keras.Backend.KerasBackend.SetRandomSeed(settings.Seed);
        var model = SmallCnn.Create([size, size, 3], source.ClassNames.Count);
        model.Compile(new Adam(), new SparseCategoricalCrossentropy(), ["accuracy"]);
        var probe = new EpochCounts(counter);

        var workingSet = PeakWorkingSet.Reset();
        model.Fit(cached, epochs: 2, callbacks: [probe]);
        var peak = PeakWorkingSet.Peak();

        var fields = PipelineThroughput.Fields(settings, size, Environment.ProcessorCount);
        fields["kind"] = "pipeline_cache";
        fields["files"] = source.FilePaths.Count;
        fields["images_epoch1"] = probe.Images[0];
        fields["images_epoch2"] = probe.Images[1];
        fields["passes_epoch1"] = probe.Passes[0];
        fields["passes_epoch2"] = probe.Passes[1];
        fields["cache_mib"] = Math.Round((double)probe.Images[0] * size * size * 3 * sizeof(float) / 1048576, 1);
        fields["working_set_before_mib"] = workingSet;
        fields["peak_working_set_mib"] = peak;
        writer.Write(fields);
    }

    /// <summary>Records the images and passes that the counting stage saw in each epoch.</summary>
    private sealed class EpochCounts(CountingBatchDataset counter) : Callback
    {
        private long imagesBefore;
        private long passesBefore;

        public List<long> Images { get; } = [];

        public List<long> Passes { get; } = [];

        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
        {
            Images.Add(counter.Images - imagesBefore);
            Passes.Add(counter.Passes - passesBefore);
            imagesBefore = counter.Images;
            passesBefore = counter.Passes;
        }
    }
}
