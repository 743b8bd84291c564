using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Keras.Backend;

namespace KerasClassifier.Cli.Commands;

/// <summary>The validated options of <c>fit</c>.</summary>
internal sealed record FitSettings(
    string? Data,
    string? Validation,
    int? ImageSize,
    int BatchSize,
    int Epochs,
    double? LearningRate,
    string Optimizer,
    string Augment,
    int Seed,
    DeviceKind Device,
    string Output,
    int? EarlyStoppingPatience,
    int? PlateauPatience,
    string? Schedule,
    int? CheckpointEvery,
    string? TensorBoardDir,
    string? Resume = null,
    string Backbone = "small-cnn",
    string? Pretrained = null,
    int FreezeEpochs = 0,
    double? FineTuneLearningRate = null,
    bool TrainBatchNormalization = false,
    double LabelSmoothing = 0)
{
    public static FitSettings From(ParsedArguments parsed)
    {
        var device = parsed.GetChoice("device", "auto", "cpu", "cuda") ?? "auto";
        if (parsed.Has("schedule") && parsed.Has("reduce-lr-on-plateau"))
        {
            throw new UsageException("options '--schedule' and '--reduce-lr-on-plateau' both set the learning rate; choose one.");
        }

        var settings = new FitSettings(
            parsed.GetString("data"),
            parsed.GetString("val"),
            parsed.GetInt("image-size", 16, 4096),
            parsed.GetInt("batch-size", 1, 65536) ?? 32,
            parsed.GetInt("epochs", 1, 100000) ?? 10,
            parsed.GetDouble("lr", 0),
            parsed.GetChoice("optimizer", "adam", "sgd") ?? "adam",
            parsed.GetChoice("augment", "none", "light", "standard", "strong") ?? "light",
            parsed.GetInt("seed", 0) ?? 1337,
            KerasBackend.ParseDevice(device),
            parsed.GetString("output") ?? "models",
            parsed.GetInt("early-stopping", 0),
            parsed.GetInt("reduce-lr-on-plateau", 0),
            parsed.GetChoice("schedule", "step", "exponential", "cosine"),
            parsed.GetInt("checkpoint-every", 1),
            parsed.GetString("tensorboard"),
            parsed.GetString("resume"),
            parsed.GetChoice("backbone", ModelFactory.Backbones) ?? ModelFactory.Backbones[0],
            parsed.GetString("pretrained"),
            parsed.GetInt("freeze-epochs", 0) ?? 0,
            parsed.GetDouble("fine-tune-lr", 0),
            parsed.Has("train-batch-norm"),
            parsed.GetFraction("label-smoothing") ?? 0);
        settings.CheckTransferLearning(parsed);
        return settings;
    }

    /// <summary>The options that describe a new model, which a resumed model already has.</summary>
    private static readonly string[] NewModelOptions = ["backbone", "pretrained", "freeze-epochs", "fine-tune-lr", "train-batch-norm", "augment"];

    /// <summary>Rejects transfer-learning options that cannot work together, before any data is read.</summary>
    /// <exception cref="UsageException">The options conflict; the message names them and the fix.</exception>
    private void CheckTransferLearning(ParsedArguments parsed)
    {
        // A resumed model keeps its own architecture, augmentation and phase, so these options would be ignored.
        if (Resume is not null)
        {
            if (parsed.Has("label-smoothing"))
            {
                throw new UsageException(
                    "--label-smoothing cannot be used with --resume: the resumed model keeps the loss it was saved with, label smoothing included; drop --label-smoothing, or start a new run without --resume.");
            }

            foreach (var option in NewModelOptions)
            {
                if (parsed.Has(option))
                {
                    throw new UsageException(
                        $"--{option} cannot be used with --resume: the resumed model keeps the backbone, augmentation and training phase it was saved with; drop --{option}, or start a new run without --resume.");
                }
            }

            return;
        }

        if (Pretrained is not null && Backbone == "small-cnn")
        {
            throw new UsageException(
                $"--pretrained '{Pretrained}' cannot be used with --backbone small-cnn, which trains from scratch; drop --pretrained, or use --backbone resnet18 --pretrained imagenet, or --backbone mobilenetv2 or resnet50 with a Keras weight file.");
        }

        if (FreezeEpochs > 0 && Pretrained is null)
        {
            throw new UsageException("--freeze-epochs needs a pretrained backbone; add --backbone resnet18 --pretrained imagenet.");
        }

        if (TrainBatchNormalization && FreezeEpochs == 0)
        {
            throw new UsageException(
                "--train-batch-norm applies to the fine-tuning epochs after --freeze-epochs; add --freeze-epochs N, or drop it: without frozen epochs batch normalization already trains.");
        }

        if (FreezeEpochs >= Epochs)
        {
            throw new UsageException($"--freeze-epochs {FreezeEpochs} must be less than --epochs {Epochs}, so that the backbone is fine-tuned afterwards.");
        }
    }
}
