using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Data.Demo;

namespace KerasClassifier.Cli.Commands;

/// <summary>Finds the training and validation data from the options, generating the demo set when there is none.</summary>
internal static class DataSelection
{
    /// <summary>The default folder for users' datasets, relative to the working directory.</summary>
    public const string DataFolder = "data";

    public static (string Train, string? Validation, bool IsDemo) Resolve(string? data, string? validation, TextWriter diagnostics)
    {
        if (data is not null)
        {
            RequireExists(data, "--data");
            if (validation is not null)
            {
                RequireExists(validation, "--val");
            }

            return (data, validation, false);
        }

        if (validation is not null)
        {
            throw new UsageException("option '--val' needs '--data' as well; give the training data with --data.");
        }

        var train = Path.Combine(DataFolder, "train");
        if (Directory.Exists(train))
        {
            var val = Path.Combine(DataFolder, "val");
            return (train, Directory.Exists(val) ? val : null, false);
        }

        var demo = Path.Combine(DataFolder, "demo");
        if (!Directory.Exists(demo))
        {
            diagnostics.WriteLine($"No --data given and no dataset in {DataFolder}/: generating a synthetic demo set of product photos in {demo} (about 10 seconds).");
            DemoDatasetGenerator.Generate(demo, imagesPerClass: 120, seed: 0);
        }

        diagnostics.WriteLine($"Training on the synthetic demo set in {demo}; pass --data FOLDER to train on your own photos.");
        return (demo, null, true);
    }

    public static ImageDataset<ImageBatch> Open(string path, string option, (int, int) imageSize, int batchSize, bool shuffle, int seed, IReadOnlyList<string>? classNames, double? validationSplit = null, string? subset = null)
    {
        if (File.Exists(path))
        {
            return Dataset.FromListFile(path, classNames: classNames, batchSize: batchSize, imageSize: imageSize, shuffle: shuffle, seed: seed);
        }

        return Dataset.FromDirectory(
            path, classNames: classNames, batchSize: batchSize, imageSize: imageSize, shuffle: shuffle, seed: seed, validationSplit: validationSplit, subset: subset);
    }

    public static void RequireExists(string path, string option)
    {
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            throw new UsageException($"{option} '{path}' does not exist; expected a folder with one subfolder per class or a list file of 'path, label' lines.");
        }
    }
}
