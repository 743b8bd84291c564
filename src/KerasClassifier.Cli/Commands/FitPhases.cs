using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Cli.Rendering;
using KerasClassifier.Keras;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Cli.Commands;

/// <summary>
/// Runs training in one phase, or in the two phases of fine-tuning: first the new head with the
/// pretrained backbone frozen, then everything (batch normalization kept frozen) at a lower learning rate.
/// </summary>
/// <remarks>
/// While the backbone is frozen, its features are the same in every epoch because its batch
/// normalization runs in inference mode. Phase 1 therefore runs the backbone once over the photos and
/// trains the head on the stored features, so a head epoch takes a fraction of a second instead of a
/// full forward pass through the backbone. The price is that phase 1 sees the photos without
/// augmentation, which phase 2 applies. Phase 1 only prints its epoch lines and writes its history
/// rows: the other callbacks (checkpoints, early stopping, schedules) act on the whole model and run in phase 2.
/// </remarks>
internal static class FitPhases
{
    public static void Run(
        ClassifierModel classifier,
        FitSettings settings,
        ImageDataset<ImageBatch> train,
        ImageDataset<ImageBatch> validation,
        IReadOnlyList<Callback> callbacks,
        ConsoleTrainingReporter reporter,
        Action<string> diagnostic,
        CancellationToken cancellationToken)
    {
        var model = classifier.Model;
        // FitSettings has checked that --freeze-epochs comes with a pretrained backbone and leaves epochs to fine-tune.
        var freezeEpochs = settings.FreezeEpochs;
        if (freezeEpochs == 0)
        {
            model.Fit(train, epochs: settings.Epochs, validationData: validation, callbacks: callbacks, cancellationToken: cancellationToken);
            return;
        }

        // Phase 1: the backbone's features stay as pretrained while the new head learns to read them.
        classifier.Backbone!.Trainable = false;
        diagnostic($"phase 1: computing backbone features once for {train.FilePaths.Count} training and {validation.FilePaths.Count} validation photos");
        var trainFeatures = ExtractFeatures(classifier.Features!, train, cancellationToken);
        var validationFeatures = ExtractFeatures(classifier.Features!, validation, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        var head = classifier.Head!;
        head.TimeProvider = model.TimeProvider;
        head.Compile(CreateOptimizer(settings, settings.LearningRate), CreateLoss(settings), ["accuracy"]);
        diagnostic($"phase 1: training the head for {freezeEpochs} epoch(s) with the backbone frozen, learning rate {head.Optimizer!.LearningRate}");
        reporter.IsIntermediatePhase = true;
        head.Fit(
            trainFeatures.X,
            trainFeatures.Y,
            batchSize: settings.BatchSize,
            epochs: freezeEpochs,
            validationData: validationFeatures,
            callbacks: callbacks.Where(c => c is EpochLineCallback or CSVLogger || c == reporter).ToArray(),
            seed: settings.Seed,
            cancellationToken: cancellationToken);
        reporter.IsIntermediatePhase = false;
        if (reporter.StopReason is not StopReason.EpochsCompleted)
        {
            return;
        }

        // Phase 2: a new optimizer, because Keras optimizers have no slots for variables that were frozen.
        FineTuning.Unfreeze(classifier.Backbone, keepBatchNormalizationFrozen: !settings.TrainBatchNormalization);
        var fineTuneRate = FineTuneLearningRate(settings);
        model.Compile(CreateOptimizer(settings, fineTuneRate), CreateLoss(settings), ["accuracy"]);
        var normalization = settings.TrainBatchNormalization ? "batch normalization training" : "batch normalization frozen";
        diagnostic($"phase 2: fine-tuning the whole model ({normalization}) for {settings.Epochs - freezeEpochs} epoch(s), learning rate {fineTuneRate}");
        // Phase 2 appends to the history that phase 1 began, so the file and the curves cover every epoch.
        var fineTuneCallbacks = callbacks.Select(c => c is CSVLogger logger ? new CSVLogger(logger.Filename, logger.Separator, append: true) : c).ToArray();
        model.Fit(
            train, epochs: settings.Epochs, validationData: validation, callbacks: fineTuneCallbacks, initialEpoch: freezeEpochs, cancellationToken: cancellationToken);
    }

    /// <summary>Runs the frozen backbone over one pass of a dataset and keeps each photo's features with its label.</summary>
    private static (NDArray X, int[] Y) ExtractFeatures(Sequential features, ImageDataset<ImageBatch> dataset, CancellationToken cancellationToken)
    {
        var values = new List<float>();
        var labels = new List<int>();
        foreach (var batch in dataset)
        {
            var images = new NDArray(batch.Images, batch.Count, batch.Height, batch.Width, batch.Channels);
            values.AddRange(features.Predict(images, batchSize: batch.Count).Data);
            labels.AddRange(batch.Labels);

            // Predict has copied the pixels into tensors, so the batch's array can serve the next batch.
            batch.ReleasePooledImages();
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        var width = labels.Count == 0 ? 0 : values.Count / labels.Count;
        return (new NDArray([.. values], labels.Count, width), [.. labels]);
    }

    /// <summary>Creates the optimizer that <c>--optimizer</c> names, SGD with momentum 0.9.</summary>
    public static Optimizer CreateOptimizer(FitSettings settings, double? learningRate) =>
        OptimizerFactory.Get(settings.Optimizer, learningRate, momentum: settings.Optimizer == "sgd" ? 0.9 : 0);

    /// <summary>Creates fit's loss: sparse categorical cross-entropy with the <c>--label-smoothing</c> factor.</summary>
    public static Loss CreateLoss(FitSettings settings) => new SparseCategoricalCrossentropy(labelSmoothing: settings.LabelSmoothing);

    /// <summary>Returns the rate that phase 2 fine-tunes the whole model at: <c>--fine-tune-lr</c>, else a tenth of the head's rate.</summary>
    public static double FineTuneLearningRate(FitSettings settings) =>
        settings.FineTuneLearningRate ?? DefaultLearningRate(settings) / 10;

    /// <summary>Returns the rate the whole model trains at: the fine-tuning rate after frozen epochs, else the compiled optimizer's.</summary>
    public static double WholeModelLearningRate(FitSettings settings, Model model) =>
        settings.FreezeEpochs > 0 ? FineTuneLearningRate(settings) : model.Optimizer!.LearningRate;

    private static double DefaultLearningRate(FitSettings settings) =>
        settings.LearningRate ?? OptimizerFactory.Get(settings.Optimizer).LearningRate;
}
