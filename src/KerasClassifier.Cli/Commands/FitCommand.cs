using System.Globalization;
using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Cli.Rendering;
using KerasClassifier.Cli.Reports;
using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.IO;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Cli.Commands;

/// <summary>The <c>fit</c> command: trains a classifier on a folder or list file of photos.</summary>
internal sealed class FitCommand
{
    /// <summary>The loss and accuracy plot's name inside the output folder.</summary>
    public const string TrainingCurvesFileName = "training_curves.png";

    /// <summary>The default photo side in pixels for a model trained from scratch.</summary>
    public const int DefaultSize = 128;

    /// <summary>
    /// The default photo side in pixels with pretrained weights: the ImageNet training size. On the
    /// Grocery Store Dataset, a head on ResNet18's frozen features reached 56% to 60%
    /// validation accuracy at 224 pixels against about 42% at 128.
    /// </summary>
    public const int PretrainedDefaultSize = 224;

    /// <summary>The default photo side in pixels for the generated demo set, whose photos are small.</summary>
    public const int DemoDefaultSize = 64;

    /// <summary>The trained model's name inside the output folder.</summary>
    public const string ModelFileName = "model.keras";

    /// <summary>The name of the model with the best validation accuracy inside the output folder.</summary>
    public const string BestModelFileName = "best.keras";

    /// <summary>The class-name list's name inside the output folder: one name per line, in label order.</summary>
    public const string ClassNamesFileName = "class_names.txt";

    /// <summary>The name of the model saved when training is cancelled.</summary>
    public const string InterruptedFileName = "interrupted.keras";

    /// <summary>The epoch backups' folder inside the output folder.</summary>
    public const string BackupFolderName = "backup";

    public static readonly OptionSpec[] Options =
    [
        new("resume", "MODEL", "Continue training a saved model (.keras, .h5, .weights.h5 beside its .keras, or a SavedModel folder): keeps its weights, optimizer state, epoch count, backbone and augmentation; --lr sets a new learning rate."),
        new("data", "PATH", "Training photos: a folder with one subfolder per class, or a list file of 'path, label' lines. Default: data/train, else a generated demo set."),
        new("val", "PATH", "Validation photos, same forms as --data. Default: 20% of --data, split by --seed."),
        new("image-size", "N", $"Side in pixels every photo is resized to (default {DefaultSize}; {PretrainedDefaultSize} with --pretrained, the size ImageNet weights were trained at; {DemoDefaultSize} for the demo set)."),
        new("batch-size", "N", "Photos per training step (default 32)."),
        new("epochs", "N", "Epochs to train (default 10)."),
        new("lr", "RATE", "Learning rate (default 0.001 for adam, 0.01 for sgd)."),
        new("optimizer", "NAME", "adam (default) or sgd (with momentum 0.9)."),
        new("augment", "PRESET", "Training-time augmentation: none, light (default: flip, small rotation and zoom), standard or strong."),
        new("seed", "N", "Seed for weight initialisation, shuffling and the validation split (default 1337)."),
        new("device", "NAME", "auto (default: CUDA when available), cpu or cuda."),
        new("output", "DIR", "Folder for the trained model (model.keras, the last; best.keras, the best by validation accuracy), history.csv and training_curves.png (default models/)."),
        new("early-stopping", "PATIENCE", "Stop when val_loss has not improved for PATIENCE epochs, and keep the best epoch's weights (default off)."),
        new("reduce-lr-on-plateau", "PATIENCE", "Multiply the learning rate by 0.1 when val_loss has not improved for PATIENCE epochs (default off)."),
        new("schedule", "NAME", "Learning-rate schedule over the epochs: step (halve every quarter of the run), exponential (smoothly down to 1% at the last epoch) or cosine (warm up from a tenth of the rate over the first tenth of the epochs, then cosine decay). Default: constant."),
        new("checkpoint-every", "N", "Also save the model every N epochs as DIR/checkpoints/epoch-NN.keras (default off)."),
        new("tensorboard", "DIR", "Write loss, accuracy and learning-rate curves as TensorBoard event files under DIR (default off)."),
        new("backbone", "NAME", "small-cnn (default: trained from scratch), resnet18, mobilenetv2 or resnet50."),
        new("pretrained", "WEIGHTS", "Start the backbone from weights: 'imagenet' (resnet18 only) or a weight file; for mobilenetv2 and resnet50, Keras's weight file without the top, e.g. mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5 (any alpha) or resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5. Default: random initialisation."),
        new("freeze-epochs", "N", "With --pretrained: first train only the new head for N epochs with the backbone frozen, then fine-tune everything (default 0: train everything from the start)."),
        new("fine-tune-lr", "RATE", "Learning rate after --freeze-epochs (default: --lr divided by 10)."),
        new("train-batch-norm", null, "After --freeze-epochs, also train the backbone's batch normalization: batch statistics in training and moving averages that adapt to your photos (default: kept frozen in inference mode, as Keras recommends)."),
        new("label-smoothing", "FACTOR", "Soften the one-hot targets to (1 - FACTOR) for the true class plus FACTOR spread over all classes, as Keras's label_smoothing; 0.1 is common against overconfidence on small datasets (default 0)."),
        new("help", null, "Show this help."),
    ];

    private readonly TextWriter results;
    private readonly TextWriter diagnostics;
    private readonly TerminalInfo terminal;
    private readonly TimeProvider timeProvider;
    private readonly TrainingConsole console;

    public FitCommand(TextWriter results, TextWriter diagnostics, TerminalInfo? terminal = null, TimeProvider? timeProvider = null)
    {
        this.results = results;
        this.diagnostics = diagnostics;
        this.terminal = terminal ?? TerminalInfo.Plain;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        console = new TrainingConsole(results, diagnostics, this.timeProvider);
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

        var resumed = settings.Resume is null ? null : ResumedModel.Load(settings.Resume, settings, diagnostics);
        var (trainPath, validationPath, isDemo) = DataSelection.Resolve(settings.Data, settings.Validation, diagnostics);
        var imageSize = resumed?.ImageSize ?? settings.ImageSize ?? DefaultImageSize(settings, isDemo);
        var (train, validation) = OpenData(trainPath, validationPath, imageSize, settings, resumed?.ClassNames);

        // The cheap part of the dataset check (headers and file hashes, no decoding) runs before training.
        DatasetCheckWriter.WriteWarnings(DatasetCheck.Run(train, validation, decode: false), diagnostics);

        Model model;
        ClassifierModel? classifier = null;
        if (resumed is not null)
        {
            resumed.RequireClassCount(train.ClassNames.Count, trainPath);
            model = resumed.Model;
        }
        else
        {
            var augmentation = AugmentationPresets.Create(settings.Augment, settings.Seed);
            classifier = ModelFactory.Create(settings.Backbone, settings.Pretrained, imageSize, train.ClassNames.Count, augmentation);
            model = classifier.Model;
            model.Compile(FitPhases.CreateOptimizer(settings, settings.LearningRate), FitPhases.CreateLoss(settings), ["accuracy"]);
        }

        WriteBanner(device, settings, trainPath, validationPath, train, validation, model, classifier?.Description, imageSize);

        var backupDir = Path.Combine(settings.Output, BackupFolderName);
        using var callbacks = FitCallbacks.Create(
            settings, console, terminal, timeProvider, FitPhases.WholeModelLearningRate(settings, model), backupDir, model.EpochsCompleted);
        try
        {
            if (classifier is not null)
            {
                FitPhases.Run(classifier, settings, train, validation, callbacks.All, callbacks.Reporter, console.Diagnostic, cancellationToken);
            }
            else
            {
                // A resumed model numbers its epochs on from the saved run: --epochs more, starting after the last one saved.
                var initialEpoch = model.EpochsCompleted;
                model.Fit(train, epochs: initialEpoch + settings.Epochs, validationData: validation, callbacks: callbacks.All, initialEpoch: initialEpoch, cancellationToken: cancellationToken);
            }
        }
        catch (UsageException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            console.ClearLive();
            throw new TrainingFailedException($"training failed: {ex.Message}", ex);
        }

        ReportSkipped(train);
        ReportSkipped(validation);
        if (callbacks.Reporter.StopReason == StopReason.Cancelled)
        {
            SaveCancelled(model, settings.Output, backupDir);
            return ExitCodes.Cancelled;
        }

        // A NaN loss or data that yields no batch leaves no model worth keeping, but the curves show what happened.
        if (callbacks.Reporter.StopReason is StopReason.NonFiniteLoss or StopReason.DataExhausted)
        {
            WriteReports(callbacks.HistoryPath, settings.Output);
            return ExitCodes.Failure;
        }

        SaveModel(model, train.ClassNames, settings.Output);
        WriteReports(callbacks.HistoryPath, settings.Output);
        return ExitCodes.Success;
    }

    private void SaveModel(Model model, IReadOnlyList<string> classNames, string output)
    {
        var modelPath = Path.Combine(output, ModelFileName);
        model.Save(modelPath);
        AtomicFile.WriteAllText(Path.Combine(output, ClassNamesFileName), string.Join('\n', classNames) + "\n");
        console.Diagnostic($"model: {modelPath} (class names in {ClassNamesFileName})");
    }

    private void SaveCancelled(Model model, string output, string backupDir)
    {
        var path = Path.Combine(output, InterruptedFileName);
        model.Save(path);
        var resume = BackupAndRestore.HasBackup(backupDir)
            ? $"run the same command again to resume after epoch {model.EpochsCompleted} from the backup in {backupDir}"
            : "no epoch was completed, so a new run starts from the beginning";
        console.Diagnostic($"Saved the model as it was when cancelled to {path}; {resume}.");
    }

    private void WriteReports(string historyPath, string output)
    {
        if (!File.Exists(historyPath))
        {
            return;
        }

        var history = TrainingHistory.ReadCsv(historyPath);
        if (history.Epochs.Count == 0)
        {
            return;
        }

        var plotPath = Path.Combine(output, TrainingCurvesFileName);
        HistoryPlot.Write(history, plotPath);
        console.Diagnostic($"history: {historyPath}; curves: {plotPath}");
    }

    private (ImageDataset<ImageBatch> Train, ImageDataset<ImageBatch> Validation) OpenData(
        string trainPath, string? validationPath, int imageSize, FitSettings settings, IReadOnlyList<string>? classNames)
    {
        var size = (imageSize, imageSize);
        ImageDataset<ImageBatch> train;
        ImageDataset<ImageBatch> validation;
        if (validationPath is null)
        {
            train = DataSelection.Open(trainPath, "--data", size, settings.BatchSize, true, settings.Seed, classNames, 0.2, "training");
            // Both subsets shuffle the file list with the same seed before the split, so they are
            // disjoint and each draws from every class.
            validation = DataSelection.Open(trainPath, "--data", size, settings.BatchSize, true, settings.Seed, classNames, 0.2, "validation");
        }
        else
        {
            train = DataSelection.Open(trainPath, "--data", size, settings.BatchSize, true, settings.Seed, classNames);
            validation = DataSelection.Open(validationPath, "--val", size, settings.BatchSize, false, settings.Seed, train.ClassNames);
        }

        train.Warning += (_, e) => console.Diagnostic("warning: " + e.Message);
        validation.Warning += (_, e) => console.Diagnostic("warning: " + e.Message);
        return (train, validation);
    }

    private void WriteBanner(
        DeviceKind device,
        FitSettings settings,
        string trainPath,
        string? validationPath,
        ImageDataset<ImageBatch> train,
        ImageDataset<ImageBatch> validation,
        Model model,
        string? description,
        int imageSize)
    {
        var culture = CultureInfo.InvariantCulture;
        diagnostics.WriteLine($"device: {KerasBackend.DeviceDescription}" + (settings.Device == DeviceKind.Auto ? $" (auto chose {device.ToString().ToLowerInvariant()})" : string.Empty));
        diagnostics.WriteLine($"seed: {settings.Seed}");
        diagnostics.WriteLine($"training data: {trainPath}: {train.FilePaths.Count} images in {train.ClassNames.Count} classes");
        diagnostics.WriteLine($"validation data: {validationPath ?? trainPath + " (20% split)"}: {validation.FilePaths.Count} images");
        diagnostics.WriteLine($"model: {model.Name}{(description is null ? string.Empty : $" ({description})")}, {model.CountParams().ToString("N0", culture)} parameters, input {imageSize}x{imageSize}x3");
        diagnostics.WriteLine(settings.Resume is null ? $"augmentation: {settings.Augment}" : $"resumed: {settings.Resume} after epoch {model.EpochsCompleted} (its augmentation layers are kept)");
        var smoothing = settings.LabelSmoothing > 0 ? $", label smoothing: {settings.LabelSmoothing.ToString(culture)}" : "";
        diagnostics.WriteLine($"batch size: {settings.BatchSize}, epochs: {settings.Epochs}, optimizer: {settings.Optimizer}, learning rate: {model.Optimizer!.LearningRate.ToString(culture)}{smoothing}");
        diagnostics.WriteLine($"output: {settings.Output}");
    }

    private void ReportSkipped(ImageDataset<ImageBatch> dataset)
    {
        if (dataset.SkippedCount > 0)
        {
            diagnostics.WriteLine($"warning: skipped {dataset.SkippedCount} unreadable image(s) in total.");
        }
    }

    private static int DefaultImageSize(FitSettings settings, bool isDemo)
    {
        if (settings.Pretrained is not null)
        {
            return PretrainedDefaultSize;
        }

        return isDemo ? DemoDefaultSize : DefaultSize;
    }
}
