using KerasClassifier.Cli.Rendering;
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
internal static class FitPhases
{
    public static void Run(
        ClassifierModel classifier,
        FitSettings settings,
        ImageDataset<ImageBatch> train,
        ImageDataset<ImageBatch> validation,
        ConsoleTrainingReporter reporter,
        TextWriter diagnostics,
        CancellationToken cancellationToken)
    {
        var model = classifier.Model;
        var freezeEpochs = settings.FreezeEpochs;
        if (freezeEpochs > 0 && classifier.Backbone is null)
        {
            throw new CommandLine.UsageException("--freeze-epochs needs a pretrained backbone; add --backbone resnet18 --pretrained imagenet.");
        }

        if (freezeEpochs >= settings.Epochs)
        {
            throw new CommandLine.UsageException($"--freeze-epochs {freezeEpochs} must be less than --epochs {settings.Epochs}, so that the backbone is fine-tuned afterwards.");
        }

        if (freezeEpochs == 0)
        {
            model.Compile(CreateOptimizer(settings, settings.LearningRate), new SparseCategoricalCrossentropy(), ["accuracy"]);
            model.Fit(train, epochs: settings.Epochs, validationData: validation, callbacks: [reporter], cancellationToken: cancellationToken);
            return;
        }

        // Phase 1: the backbone's features stay as pretrained while the new head learns to read them.
        classifier.Backbone!.Trainable = false;
        model.Compile(CreateOptimizer(settings, settings.LearningRate), new SparseCategoricalCrossentropy(), ["accuracy"]);
        diagnostics.WriteLine($"phase 1: training the head for {freezeEpochs} epoch(s) with the backbone frozen, learning rate {model.Optimizer!.LearningRate}");
        model.Fit(train, epochs: freezeEpochs, validationData: validation, callbacks: [reporter], cancellationToken: cancellationToken);
        if (reporter.StopReason is not StopReason.EpochsCompleted)
        {
            return;
        }

        // Phase 2: a new optimizer, because Keras optimizers have no slots for variables that were frozen.
        FineTuning.Unfreeze(classifier.Backbone);
        var fineTuneRate = settings.FineTuneLearningRate ?? DefaultLearningRate(settings) / 10;
        model.Compile(CreateOptimizer(settings, fineTuneRate), new SparseCategoricalCrossentropy(), ["accuracy"]);
        diagnostics.WriteLine($"phase 2: fine-tuning the whole model (batch normalization frozen) for {settings.Epochs - freezeEpochs} epoch(s), learning rate {fineTuneRate}");
        model.Fit(
            train, epochs: settings.Epochs, validationData: validation, callbacks: [reporter], initialEpoch: freezeEpochs, cancellationToken: cancellationToken);
    }

    private static Optimizer CreateOptimizer(FitSettings settings, double? learningRate) =>
        OptimizerFactory.Get(settings.Optimizer, learningRate, momentum: settings.Optimizer == "sgd" ? 0.9 : 0);

    private static double DefaultLearningRate(FitSettings settings) =>
        settings.LearningRate ?? OptimizerFactory.Get(settings.Optimizer).LearningRate;
}
