using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Applications;

/// <summary>
/// ResNet-18 for transfer learning, built like Keras's <c>keras.applications.ResNet50</c>, with
/// ImageNet weights from the ML.NET ResNet18 featurizer.
/// </summary>
/// <remarks>
/// <para>
/// The network has the stage layout of the ImageNet weight file, [2, 2, 2, 3] basic blocks of 64,
/// 128, 256 and 512 filters: one identity block more in the last stage than torchvision's
/// <c>resnet18</c> ([2, 2, 2, 2]), 15.9 million parameters with the 1000-class top left out. The stem is a
/// 7x7 stride-2 convolution on a 3-pixel zero padding, batch normalization, ReLU, and a 3x3
/// stride-2 max pooling on a 1-pixel padding. Convolutions have no bias and batch normalization uses
/// epsilon 1e-5. Layers are named as in Keras's ResNet applications (<c>conv1_conv</c>,
/// <c>conv2_block1_1_conv</c>...).
/// </para>
/// <para>
/// Inputs must be prepared with <see cref="PreprocessInput"/> (or a <see cref="CaffePreprocessing"/>
/// layer in front of the model): RGB values 0 to 255 reordered to BGR, minus the per-channel means.
/// Any input side of 32 pixels or more works; the weights were trained at 224.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var backbone = ResNet18.Create(includeTop: false, weights: "imagenet", inputShape: [160, 160, 3], pooling: "avg");
/// backbone.Trainable = false;
/// var model = new Sequential([
///     new InputLayer([160, 160, 3]),
///     ResNet18.CreatePreprocessing(),
///     backbone,
///     new Dense(5, activation: "softmax"),
/// ]);
/// </code>
/// </example>
public static class ResNet18
{
    /// <summary>The <c>weights</c> value that selects the bundled ImageNet weights.</summary>
    public const string ImageNet = "imagenet";

    /// <summary>The default input side in pixels, the size the ImageNet weights were trained at.</summary>
    public const int DefaultSize = 224;

    /// <summary>The smallest input side in pixels: five stride-2 steps must leave at least one pixel.</summary>
    public const int MinimumSize = 32;

    /// <summary>Gets the number of basic blocks in each of the four stages: [2, 2, 2, 3].</summary>
    public static IReadOnlyList<int> StageBlocks { get; } = [2, 2, 2, 3];

    /// <summary>Gets the filters of each of the four stages.</summary>
    public static IReadOnlyList<int> StageFilters { get; } = [64, 128, 256, 512];

    /// <summary>
    /// Gets the per-channel means, in blue, green, red order, that <see cref="PreprocessInput"/> subtracts.
    /// </summary>
    /// <remarks>
    /// These are the channel averages of the mean image that the ML.NET featurizer subtracts before
    /// this network. That image varies slightly from pixel to pixel, so features differ from the
    /// featurizer's by a few percent. The network itself matches the ONNX file within float32 rounding.
    /// </remarks>
    public static IReadOnlyList<double> MeanBgr { get; } = [103.06, 115.90, 123.15];

    /// <summary>Creates the ResNet-18 model, optionally with ImageNet weights.</summary>
    /// <param name="includeTop">Whether to end with global average pooling and a <c>classes</c>-way Dense classifier named <c>predictions</c> (default true). The ImageNet file has no classifier, so it needs false.</param>
    /// <param name="weights">Null (default) for random initialisation, <c>"imagenet"</c> for the bundled ImageNet weights, or the path of a ResNet18 <c>.onnx</c> file with the same layout.</param>
    /// <param name="inputShape">(height, width, channels); default (224, 224, 3). Both sides at least 32; 3 channels when weights are loaded.</param>
    /// <param name="pooling">When <paramref name="includeTop"/> is false: null (default) keeps the 4D feature map, <c>"avg"</c> or <c>"max"</c> pools it to 512 features.</param>
    /// <param name="classes">The classifier size when <paramref name="includeTop"/> is true (default 1000).</param>
    /// <param name="classifierActivation">The classifier activation (default <c>softmax</c>).</param>
    /// <param name="name">The model name (default <c>resnet18</c>).</param>
    /// <returns>A built, uncompiled model.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; the message names it.</exception>
    /// <exception cref="FileNotFoundException">The weight file is missing.</exception>
    /// <exception cref="InvalidDataException">The weight file is truncated or contains another network.</exception>
    public static Sequential Create(
        bool includeTop = true,
        string? weights = null,
        int[]? inputShape = null,
        string? pooling = null,
        int classes = 1000,
        string classifierActivation = "softmax",
        string name = "resnet18")
    {
        var shape = ValidateInputShape(inputShape, weights is not null);
        ValidatePooling(pooling);
        if (includeTop && classes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "Invalid classes for ResNet18; expected at least 1.");
        }

        string? weightFile = null;
        if (weights is not null)
        {
            if (includeTop)
            {
                throw new ArgumentException(
                    $"ResNet18 weights '{weights}' contain no classifier, so includeTop must be false; add your own Dense layer on the pooled features.", nameof(includeTop));
            }

            weightFile = PretrainedWeights.Resolve("resnet18", weights);
        }

        var model = new Sequential(name: name);
        model.Add(new InputLayer(shape, name: $"{name}_input"));
        AddStem(model);
        AddStages(model);
        AddTop(model, includeTop, pooling, classes, classifierActivation);

        if (weightFile is not null)
        {
            ResNetOnnxImporter.Load(model, weightFile);
        }

        return model;
    }

    /// <summary>Creates the layer that turns RGB photos of 0 to 255 into this network's input.</summary>
    /// <param name="name">The layer name (default <c>resnet18_preprocessing</c>).</param>
    /// <returns>A <see cref="CaffePreprocessing"/> layer with <see cref="MeanBgr"/>.</returns>
    public static CaffePreprocessing CreatePreprocessing(string name = "resnet18_preprocessing") => new([.. MeanBgr], name);

    /// <summary>Prepares RGB images of 0 to 255 for the network, as Keras's <c>preprocess_input</c> for ResNet.</summary>
    /// <param name="x">Images, channels_last, last axis of size 3 in RGB order.</param>
    /// <returns>A new array: the channels in BGR order minus <see cref="MeanBgr"/>.</returns>
    /// <exception cref="ArgumentException">The last axis is not 3.</exception>
    public static NDArray PreprocessInput(NDArray x) => CaffePreprocessing.Apply(x, MeanBgr);

    private static int[] ValidateInputShape(int[]? inputShape, bool withWeights)
    {
        var shape = inputShape ?? [DefaultSize, DefaultSize, 3];
        if (shape.Length != 3 || shape[0] < MinimumSize || shape[1] < MinimumSize || shape[2] < 1)
        {
            throw new ArgumentException(
                $"Invalid inputShape ({string.Join(", ", shape)}) for ResNet18; expected (height, width, channels) with both sides at least {MinimumSize}.", nameof(inputShape));
        }

        if (withWeights && shape[2] != 3)
        {
            throw new ArgumentException(
                $"Invalid inputShape ({string.Join(", ", shape)}) for ResNet18 with pretrained weights: the weights take 3 (RGB) channels, received {shape[2]}.", nameof(inputShape));
        }

        return shape;
    }

    private static void ValidatePooling(string? pooling)
    {
        if (pooling is not (null or "avg" or "max"))
        {
            throw new ArgumentException($"Invalid pooling '{pooling}' for ResNet18; expected null, 'avg' or 'max'.", nameof(pooling));
        }
    }

    private static void AddStem(Sequential model)
    {
        model.Add(new ZeroPadding2D(3, name: "conv1_pad"));
        model.Add(new Conv2D(64, 7, strides: 2, useBias: false, name: "conv1_conv"));
        model.Add(new BatchNormalization(epsilon: 1e-5, name: "conv1_bn"));
        model.Add(new ReLU(name: "conv1_relu"));
        model.Add(new ZeroPadding2D(1, name: "pool1_pad"));
        model.Add(new MaxPooling2D(3, strides: 2, name: "pool1_pool"));
    }

    // TODO: build the network as a Functional model with Add layers once the Functional API exists.
    // Until then each residual block is one composite layer, so Summary() shows blocks, not their layers.
    private static void AddStages(Sequential model)
    {
        for (var stage = 0; stage < StageBlocks.Count; stage++)
        {
            for (var block = 0; block < StageBlocks[stage]; block++)
            {
                // Stages 3 to 5 halve the size in their first block, which needs a projection shortcut.
                var downsample = stage > 0 && block == 0;
                model.Add(new ResNetBasicBlock(
                    StageFilters[stage],
                    strides: downsample ? 2 : 1,
                    projectShortcut: downsample,
                    name: BlockName(stage, block)));
            }
        }
    }

    private static void AddTop(Sequential model, bool includeTop, string? pooling, int classes, string classifierActivation)
    {
        if (includeTop)
        {
            model.Add(new GlobalAveragePooling2D(name: "avg_pool"));
            model.Add(new Dense(classes, activation: classifierActivation, name: "predictions"));
            return;
        }

        if (pooling == "avg")
        {
            model.Add(new GlobalAveragePooling2D(name: "avg_pool"));
        }
        else if (pooling == "max")
        {
            model.Add(new GlobalMaxPooling2D(name: "max_pool"));
        }
    }

    /// <summary>Returns a block's name as Keras numbers them: stages conv2 to conv5, blocks from 1.</summary>
    internal static string BlockName(int stage, int block) => $"conv{stage + 2}_block{block + 1}";
}
