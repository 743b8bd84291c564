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
    string Backbone,
    string? Pretrained,
    int FreezeEpochs,
    double? FineTuneLearningRate)
{
    public static FitSettings From(ParsedArguments parsed)
    {
        var device = parsed.GetChoice("device", "auto", "cpu", "cuda") ?? "auto";
        return new FitSettings(
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
            parsed.GetChoice("backbone", ModelFactory.Backbones) ?? ModelFactory.Backbones[0],
            parsed.GetString("pretrained"),
            parsed.GetInt("freeze-epochs", 0) ?? 0,
            parsed.GetDouble("fine-tune-lr", 0));
    }
}
