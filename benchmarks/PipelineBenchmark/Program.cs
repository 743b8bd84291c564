using System.Diagnostics;
using System.Globalization;
using KerasClassifier.Keras.Data;

// Measures decode + resize throughput of the image pipeline: every image of a folder is decoded,
// resized and converted to float32 once per configuration, after one warm-up pass.
// Usage: PipelineBenchmark [imageFolder]; the default is the grocery training split that the tests read.
string folder = args.Length > 0 ? args[0] : DefaultFolder();
if (!Directory.Exists(folder))
{
    Console.Error.WriteLine($"error: image folder '{folder}' was not found; pass the folder as the first argument.");

    return 2;
}

Console.WriteLine($"folder: {folder}");
Console.WriteLine($"processors: {Environment.ProcessorCount}");
Console.WriteLine("size  interpolation  workers  images  seconds  images/s");

foreach (int size in new[] { 128, 224 })
{
    foreach (string interpolation in new[] { "bilinear", "mitchellcubic" })
    {
        foreach (int workers in new[] { 1, 2 })
        {
            var dataset = Dataset.FromDirectoryUnbatched(
                folder, imageSize: (size, size), interpolation: interpolation, shuffle: false, numParallelCalls: workers);

            // Warm-up on a few images loads the native library and fills caches.
            dataset.Take(16).Count();

            var watch = Stopwatch.StartNew();
            int images = dataset.Count();
            double seconds = watch.Elapsed.TotalSeconds;

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{size,4}  {interpolation,-13}  {workers,7}  {images,6}  {seconds,7:F2}  {images / seconds,8:F0}"));
        }
    }
}

return 0;

static string DefaultFolder()
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
