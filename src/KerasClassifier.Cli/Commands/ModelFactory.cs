using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Cli.Commands;

/// <summary>Builds the classifier that <c>fit</c> trains from the <c>--backbone</c> and <c>--pretrained</c> options.</summary>
internal static class ModelFactory
{
    /// <summary>The backbone names <c>--backbone</c> accepts; the first is the default.</summary>
    public static readonly string[] Backbones = ["small-cnn", "resnet18", "mobilenetv2", "resnet50"];

    /// <summary>Creates the classifier for photos of <paramref name="imageSize"/> pixels and <paramref name="classes"/> classes.</summary>
    /// <param name="backbone">A name from <see cref="Backbones"/>.</param>
    /// <param name="pretrained">Null, a named weight set such as <c>imagenet</c>, or a weight file.</param>
    /// <param name="imageSize">The photo side in pixels.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="augmentation">Random layers placed right after the input; they act only in training.</param>
    /// <returns>The classifier and, with pretrained weights, its backbone split out for fine-tuning.</returns>
    /// <exception cref="ArgumentException">The backbone has no weights of the requested name; the message lists the available ones.</exception>
    /// <exception cref="UsageException">A weight file is given for a backbone that cannot load one.</exception>
    /// <exception cref="InvalidDataException">The weight file does not fit the backbone; the message names the layer and the file to use.</exception>
    public static ClassifierModel Create(string backbone, string? pretrained, int imageSize, int classes, IReadOnlyList<Layer> augmentation)
    {
        int[] shape = [imageSize, imageSize, 3];
        return backbone switch
        {
            "resnet18" => CreatePretrainable(
                "resnet18",
                "resnet18",
                pretrained,
                ResNet18.CreatePreprocessing(),
                ResNet18.Create(includeTop: false, weights: pretrained, inputShape: shape, pooling: "avg"),
                shape,
                classes,
                augmentation),
            "mobilenetv2" => CreateMobileNetV2(pretrained, shape, classes, augmentation),
            "resnet50" => CreatePretrainable(
                "resnet50",
                "resnet50",
                pretrained,
                ResNet50.CreatePreprocessing(),
                ResNet50.Create(shape, includeTop: false, weights: pretrained, pooling: "avg"),
                shape,
                classes,
                augmentation),
            _ => CreateSmallCnn(pretrained, imageSize, classes, augmentation),
        };
    }

    private static ClassifierModel CreateSmallCnn(string? pretrained, int imageSize, int classes, IReadOnlyList<Layer> augmentation)
    {
        if (pretrained is not null)
        {
            // FitSettings rejects this combination first; the guard keeps other callers from dropping the weights silently.
            throw new UsageException($"--pretrained '{pretrained}' cannot be loaded into --backbone small-cnn, which trains from scratch; use --backbone resnet18, mobilenetv2 or resnet50.");
        }

        var model = SmallCnn.Create([imageSize, imageSize, 3], classes, augmentation: augmentation);
        return new ClassifierModel(model, "small-cnn, trained from scratch");
    }

    private static ClassifierModel CreateMobileNetV2(string? pretrained, int[] shape, int classes, IReadOnlyList<Layer> augmentation)
    {
        // The command line has no alpha option, so the width comes from the Keras weight file.
        var alpha = pretrained is not null && File.Exists(pretrained) ? MobileNetV2Weights.ReadAlpha(pretrained) ?? 1.0 : 1.0;
        var backbone = MobileNetV2.Create(shape, alpha: alpha, includeTop: false, weights: pretrained, pooling: "avg");
        var label = $"mobilenetv2 alpha {MobileNetV2Weights.FormatAlpha(alpha)}";
        return CreatePretrainable("mobilenetv2", label, pretrained, MobileNetV2.CreatePreprocessing(), backbone, shape, classes, augmentation);
    }

    /// <summary>Puts a backbone between its input preprocessing and a new dropout and Dense head.</summary>
    /// <param name="backboneName">The <c>--backbone</c> value, which names the models.</param>
    /// <param name="label">How the banner describes the backbone, e.g. <c>mobilenetv2 alpha 0.5</c>.</param>
    /// <param name="pretrained">The <c>--pretrained</c> value; null for random initialisation.</param>
    /// <param name="preprocessing">The layer that turns photos of 0 to 255 into the backbone's input.</param>
    /// <param name="backbone">The backbone, pooled to one feature vector per photo.</param>
    /// <param name="imageShape">The (height, width, channels) photo shape.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="augmentation">Random layers placed right after the input.</param>
    private static ClassifierModel CreatePretrainable(
        string backboneName, string label, string? pretrained, Layer preprocessing, Layer backbone, int[] imageShape, int classes, IReadOnlyList<Layer> augmentation)
    {
        var dropout = new Dropout(0.2);
        var predictions = new Dense(classes, activation: "softmax", name: "predictions");

        var model = new Sequential([new InputLayer(imageShape), .. augmentation, preprocessing, backbone, dropout, predictions], name: $"{backboneName}_classifier");
        var description = pretrained is null ? $"{label}, random initialisation" : $"{label}, weights {pretrained}";
        if (pretrained is null)
        {
            return new ClassifierModel(model, description);
        }

        // The same layer objects in two halves, so training the head alone trains the whole model's head.
        var features = new Sequential([new InputLayer(imageShape), preprocessing, backbone], name: $"{backboneName}_features");
        var head = new Sequential([new InputLayer([backbone.OutputShape![-1]!.Value]), dropout, predictions], name: $"{backboneName}_head");
        return new ClassifierModel(model, description, backbone, features, head);
    }
}
