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
    /// <param name="backbone">A name from <see cref="Backbones"/>.</param>
    /// <param name="pretrained">Null, a named weight set such as <c>imagenet</c>, or a weight file.</param>
    /// <param name="imageSize">The photo side in pixels.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="augmentation">Random layers placed right after the input; they act only in training.</param>
    /// <returns>The classifier and, with pretrained weights, its backbone split out for fine-tuning.</returns>
    /// <exception cref="ArgumentException">The backbone has no weights of the requested name; the message lists the available ones.</exception>
    /// <exception cref="UsageException">A weight file is given for a backbone that cannot load one.</exception>
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
        return new ClassifierModel(model, "small-cnn, trained from scratch");
    }

    private static ClassifierModel CreateResNet18(string? pretrained, int imageSize, int classes, IReadOnlyList<Layer> augmentation)
    {
        var preprocessing = ResNet18.CreatePreprocessing();
        var backbone = ResNet18.Create(includeTop: false, weights: pretrained, inputShape: [imageSize, imageSize, 3], pooling: "avg");
        var dropout = new Dropout(0.2);
        var predictions = new Dense(classes, activation: "softmax", name: "predictions");

        var model = new Sequential([new InputLayer([imageSize, imageSize, 3]), .. augmentation, preprocessing, backbone, dropout, predictions], name: "resnet18_classifier");
        var description = pretrained is null ? "resnet18, random initialisation" : $"resnet18, weights {pretrained}";
        if (pretrained is null)
        {
            return new ClassifierModel(model, description);
        }

        // The same layer objects in two halves, so training the head alone trains the whole model's head.
        var features = new Sequential([new InputLayer([imageSize, imageSize, 3]), preprocessing, backbone], name: "resnet18_features");
        var head = new Sequential([new InputLayer([backbone.OutputShape![-1]!.Value]), dropout, predictions], name: "resnet18_head");
        return new ClassifierModel(model, description, backbone, features, head);
    }
}
