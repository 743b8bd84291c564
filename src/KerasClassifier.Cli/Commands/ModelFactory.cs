using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Cli.Commands;

/// <summary>Builds the classifier that <c>fit</c> trains from the <c>--backbone</c> and <c>--pretrained</c> options.</summary>
internal static class ModelFactory
{
    /// <summary>The backbone names <c>--backbone</c> accepts; the first is the default.</summary>
    public static readonly string[] Backbones = ["small-cnn", "resnet18"];

    /// <summary>Creates the classifier for photos of <paramref name="imageSize"/> pixels and <paramref name="classes"/> classes.</summary>
    /// <exception cref="ArgumentException">The backbone has no weights of the requested name; the message lists the available ones.</exception>
    /// <exception cref="UsageException">A weight file is given for a backbone that cannot load one.</exception>
    /// <param name="augmentation">Random layers placed right after the input; they act only in training.</param>
    public static ClassifierModel Create(string backbone, string? pretrained, int imageSize, int classes, IReadOnlyList<Layer> augmentation)
    {
        return backbone switch
        {
            "resnet18" => CreateResNet18(pretrained, imageSize, classes, augmentation),
            _ => CreateSmallCnn(pretrained, imageSize, classes, augmentation),
        };
    }

    private static ClassifierModel CreateSmallCnn(string? pretrained, int imageSize, int classes, IReadOnlyList<Layer> augmentation)
    {
        if (pretrained is not null)
        {
            // Resolving a name reports which backbones have weights of that name.
            PretrainedWeights.Resolve("small-cnn", pretrained);
            throw new UsageException($"--pretrained '{pretrained}' cannot be loaded into --backbone small-cnn, which trains from scratch; use --backbone resnet18.");
        }

        var model = SmallCnn.Create([imageSize, imageSize, 3], classes, augmentation: augmentation);
        return new ClassifierModel(model, null, "small-cnn, trained from scratch");
    }

    private static ClassifierModel CreateResNet18(string? pretrained, int imageSize, int classes, IReadOnlyList<Layer> augmentation)
    {
        var backbone = ResNet18.Create(includeTop: false, weights: pretrained, inputShape: [imageSize, imageSize, 3], pooling: "avg");

        var model = new Sequential(name: "resnet18_classifier");
        model.Add(new InputLayer([imageSize, imageSize, 3]));
        foreach (var layer in augmentation)
        {
            model.Add(layer);
        }

        model.Add(ResNet18.CreatePreprocessing());
        model.Add(backbone);
        model.Add(new Dropout(0.2));
        model.Add(new Dense(classes, activation: "softmax", name: "predictions"));

        var description = pretrained is null ? "resnet18, random initialisation" : $"resnet18, weights {pretrained}";
        return new ClassifierModel(model, pretrained is null ? null : backbone, description);
    }
}
