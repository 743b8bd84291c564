using System.Globalization;
using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Cli.Rendering;
using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Cli.Commands;

/// <summary>The <c>fit</c> command: trains a classifier on a folder or list file of photos.</summary>
internal sealed class FitCommand
{
    public static readonly OptionSpec[] Options =
    [
        new("data", "PATH", "Training photos: a folder with one subfolder per class, or a list file of 'path, label' lines. Default: data/train, else a generated demo set."),
        new("val", "PATH", "Validation photos, same forms as --data. Default: 20% of --data, split by --seed."),
        new("image-size", "N", "Side in pixels every photo is resized to (default 128; 64 for the demo set)."),
        new("batch-size", "N", "Photos per training step (default 32)."),
        new("epochs", "N", "Epochs to train (default 10)."),
        new("lr", "RATE", "Learning rate (default 0.001 for adam, 0.01 for sgd)."),
        new("optimizer", "NAME", "adam (default) or sgd (with momentum 0.9)."),
        new("augment", "PRESET", "Training-time augmentation: none, light (default: flip, small rotation and zoom), standard or strong."),
        new("seed", "N", "Seed for weight initialisation, shuffling and the validation split (default 1337)."),
        new("device", "NAME", "auto (default: CUDA when available), cpu or cuda."),
        new("output", "DIR", "Folder for the trained model (default models/)."),
        new("backbone", "NAME", "small-cnn (default: trained from scratch) or resnet18."),
        new("pretrained", "WEIGHTS", "Start the backbone from weights: 'imagenet' (resnet18 only) or a weight file. Default: random initialisation."),
        new("freeze-epochs", "N", "With --pretrained: first train only the new head for N epochs with the backbone frozen, then fine-tune everything (default 0: train everything from the start)."),
        new("fine-tune-lr", "RATE", "Learning rate after --freeze-epochs (default: --lr divided by 10)."),
        new("help", null, "Show this help."),
    ];

    private readonly TextWriter results;
    private readonly TextWriter diagnostics;

    public FitCommand(TextWriter results, TextWriter diagnostics)
    {
        this.results = results;
        this.diagnostics = diagnostics;
    }

    public static string Help => ArgumentParser.FormatHelp(
        "kerasclassifier fit [options]",
        "Trains an image classifier, from scratch or from a pretrained backbone, and prints one training and one testing line per epoch.",
        Options);

    public int Run(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var parsed = ArgumentParser.Parse("fit", args, Options);
        if (parsed.Has("help"))
        {
            results.WriteLine(Help);
            return ExitCodes.Success;
        }

        var settings = FitSettings.From(parsed);

        // Device and seed first: both decide how the model's weights are created.
        var device = KerasBackend.SetDevice(settings.Device);
        KerasBackend.SetRandomSeed(settings.Seed);

        var (trainPath, validationPath, isDemo) = DataSelection.Resolve(settings.Data, settings.Validation, diagnostics);
        var imageSize = settings.ImageSize ?? (isDemo ? 64 : 128);
        var (train, validation) = OpenData(trainPath, validationPath, imageSize, settings);

        // The cheap part of the dataset check (headers and file hashes, no decoding) runs before training.
        DatasetCheckWriter.WriteWarnings(DatasetCheck.Run(train, validation, decode: false), diagnostics);

        var augmentation = AugmentationPresets.Create(settings.Augment, settings.Seed);
        var classifier = ModelFactory.Create(settings.Backbone, settings.Pretrained, imageSize, train.ClassNames.Count, augmentation);

        WriteBanner(device, settings, trainPath, validationPath, train, validation, classifier, imageSize);

        var reporter = new ConsoleTrainingReporter(results, diagnostics);
        try
        {
            FitPhases.Run(classifier, settings, train, validation, reporter, diagnostics, cancellationToken);
        }
        catch (UsageException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new TrainingFailedException($"training failed: {ex.Message}", ex);
        }

        ReportSkipped(train);
        ReportSkipped(validation);
        return reporter.StopReason == StopReason.Cancelled ? ExitCodes.Cancelled : ExitCodes.Success;
    }

    private (ImageDataset<ImageBatch> Train, ImageDataset<ImageBatch> Validation) OpenData(string trainPath, string? validationPath, int imageSize, FitSettings settings)
    {
        var size = (imageSize, imageSize);
        ImageDataset<ImageBatch> train;
        ImageDataset<ImageBatch> validation;
        if (validationPath is null)
        {
            train = DataSelection.Open(trainPath, "--data", size, settings.BatchSize, true, settings.Seed, null, 0.2, "training");
            // Both subsets shuffle the file list with the same seed before the split, so they are
            // disjoint and each draws from every class.
            validation = DataSelection.Open(trainPath, "--data", size, settings.BatchSize, true, settings.Seed, null, 0.2, "validation");
        }
        else
        {
            train = DataSelection.Open(trainPath, "--data", size, settings.BatchSize, true, settings.Seed, null);
            validation = DataSelection.Open(validationPath, "--val", size, settings.BatchSize, false, settings.Seed, train.ClassNames);
        }

        train.Warning += (_, e) => diagnostics.WriteLine("warning: " + e.Message);
        validation.Warning += (_, e) => diagnostics.WriteLine("warning: " + e.Message);
        return (train, validation);
    }

    private void WriteBanner(
        DeviceKind device,
        FitSettings settings,
        string trainPath,
        string? validationPath,
        ImageDataset<ImageBatch> train,
        ImageDataset<ImageBatch> validation,
        ClassifierModel classifier,
        int imageSize)
    {
        var culture = CultureInfo.InvariantCulture;
        diagnostics.WriteLine($"device: {KerasBackend.DeviceDescription}" + (settings.Device == DeviceKind.Auto ? $" (auto chose {device.ToString().ToLowerInvariant()})" : string.Empty));
        diagnostics.WriteLine($"seed: {settings.Seed}");
        diagnostics.WriteLine($"training data: {trainPath}: {train.FilePaths.Count} images in {train.ClassNames.Count} classes");
        diagnostics.WriteLine($"validation data: {validationPath ?? trainPath + " (20% split)"}: {validation.FilePaths.Count} images");
        var model = classifier.Model;
        var learningRate = settings.LearningRate ?? OptimizerFactory.Get(settings.Optimizer).LearningRate;
        diagnostics.WriteLine($"model: {model.Name} ({classifier.Description}), {model.CountParams().ToString("N0", culture)} parameters, input {imageSize}x{imageSize}x3");
        diagnostics.WriteLine($"augmentation: {settings.Augment}");
        diagnostics.WriteLine($"batch size: {settings.BatchSize}, epochs: {settings.Epochs}, optimizer: {settings.Optimizer}, learning rate: {learningRate.ToString(culture)}");
        diagnostics.WriteLine($"output: {settings.Output}");
    }

    private void ReportSkipped(ImageDataset<ImageBatch> dataset)
    {
        if (dataset.SkippedCount > 0)
        {
            diagnostics.WriteLine($"warning: skipped {dataset.SkippedCount} unreadable image(s) in total.");
        }
    }
}
