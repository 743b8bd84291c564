using System.Globalization;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Applications;

/// <summary>
/// MobileNetV2 (Sandler et al., 2018) built layer for layer as Keras's
/// <c>keras.applications.MobileNetV2</c>, with the same layer names, so that Keras's ImageNet weight
/// files map onto it by name.
/// </summary>
/// <remarks>
/// <para>
/// With alpha 1.0, 224x224x3 inputs and the 1000-class top, the model has 3,538,984 parameters, as in
/// Keras. Inputs are expected in [-1, 1] (Keras's <c>mobilenet_v2.preprocess_input</c>; see
/// <see cref="PreprocessInput"/> and <see cref="CreatePreprocessing"/>).
/// </para>
/// <para>
/// <c>weights</c> takes the path of Keras's weight file, such as
/// <c>mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5</c> (Keras keeps its downloads in
/// <c>~/.keras/models</c>). The file's alpha and top must match the model's; its input size need not,
/// because no weight depends on it. No ImageNet weights are bundled, so <c>"imagenet"</c> is rejected
/// with the name of the file to pass.
/// </para>
/// </remarks>
/// <example><c>var model = MobileNetV2.Create(inputShape: [160, 160, 3], includeTop: false, weights: "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_160_no_top.h5", pooling: "avg");</c></example>
public static class MobileNetV2
{
    private const double Momentum = 0.999;
    private const double Epsilon = 1e-3;

    /// <summary>Creates the model.</summary>
    /// <param name="inputShape">The (height, width, channels) input shape (default 224x224x3); both sides at least 32.</param>
    /// <param name="alpha">The width multiplier (default 1.0): filters in each layer are scaled by it.</param>
    /// <param name="includeTop">Whether to end with global average pooling and the <c>predictions</c> Dense layer (default true).</param>
    /// <param name="weights">Null (default) for random initialisation, or the path of a Keras weight file for the same alpha and top: a legacy HDF5 file as Keras's applications download it (layers matched by name), a Keras 3 <c>.weights.h5</c> file or a <c>.keras</c> archive.</param>
    /// <param name="classes">The number of classes of the top (default 1000).</param>
    /// <param name="classifierActivation">The top's activation (default <c>softmax</c>).</param>
    /// <param name="pooling">Without the top: null (4D feature map), <c>avg</c> or <c>max</c>.</param>
    /// <param name="name">The model name (default <c>mobilenetv2_{alpha:0.00}_{rows}</c>, as Keras names it).</param>
    /// <returns>A built, uncompiled functional model.</returns>
    /// <exception cref="ArgumentException">The input shape, alpha, classes or pooling is invalid, or <paramref name="weights"/> is <c>imagenet</c> or another name rather than a path.</exception>
    /// <exception cref="FileNotFoundException">The weight file does not exist.</exception>
    /// <exception cref="InvalidDataException">The weight file is not a Keras weight file, is truncated, or was saved for another architecture, alpha, top or input channel count; the message names the layer, weight and shapes.</exception>
    public static Functional Create(
        int[]? inputShape = null,
        double alpha = 1.0,
        bool includeTop = true,
        string? weights = null,
        int classes = 1000,
        string classifierActivation = "softmax",
        string? pooling = null,
        string? name = null)
    {
        var shape = inputShape ?? [224, 224, 3];
        if (shape.Length != 3 || shape[0] < 32 || shape[1] < 32 || shape[2] <= 0)
        {
            throw new ArgumentException(
                $"Invalid inputShape ({string.Join(", ", shape)}) for MobileNetV2; expected (height, width, channels) with both sides at least 32.", nameof(inputShape));
        }

        if (!(alpha > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Invalid alpha for MobileNetV2; expected a positive width multiplier.");
        }

        ApplicationChecks.RequireTop(includeTop, classes, pooling, "MobileNetV2");
        var spec = MobileNetV2Weights.Spec(alpha, shape[0], includeTop);
        var weightFile = weights is null ? null : ApplicationWeights.Resolve(weights, spec);

        var inputs = Keras.Input(shape, name: "input_layer");
        var x = new Conv2D(MakeDivisible(32 * alpha), 3, strides: 2, padding: "same", useBias: false, name: "Conv1").Apply(inputs);
        x = new BatchNormalization(momentum: Momentum, epsilon: Epsilon, name: "bn_Conv1").Apply(x);
        x = new ReLU(6.0, name: "Conv1_relu").Apply(x);

        (int Filters, int Stride, int Expansion)[] blocks =
        [
            (16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6), (64, 2, 6), (64, 1, 6), (64, 1, 6), (64, 1, 6),
            (96, 1, 6), (96, 1, 6), (96, 1, 6), (160, 2, 6), (160, 1, 6), (160, 1, 6), (320, 1, 6),
        ];
        for (var id = 0; id < blocks.Length; id++)
        {
            x = InvertedResidualBlock(x, blocks[id].Expansion, blocks[id].Stride, alpha, blocks[id].Filters, id);
        }

        var lastFilters = alpha > 1.0 ? MakeDivisible(1280 * alpha) : 1280;
        x = new Conv2D(lastFilters, 1, useBias: false, name: "Conv_1").Apply(x);
        x = new BatchNormalization(momentum: Momentum, epsilon: Epsilon, name: "Conv_1_bn").Apply(x);
        x = new ReLU(6.0, name: "out_relu").Apply(x);
        x = ApplicationChecks.Head(x, includeTop, classes, classifierActivation, pooling, "global_average_pooling2d", "global_max_pooling2d");

        var modelName = name ?? string.Create(CultureInfo.InvariantCulture, $"mobilenetv2_{alpha:0.00}_{shape[0]}");
        var model = new Functional(inputs, x, modelName);
        if (weightFile is not null)
        {
            ApplicationWeights.Load(model, weightFile, spec);
        }

        return model;
    }

    /// <summary>Creates the layer that turns RGB values of 0 to 255 into this network's input range [-1, 1].</summary>
    /// <param name="name">The layer name (default <c>mobilenetv2_preprocessing</c>).</param>
    /// <returns>A <see cref="Rescaling"/> layer computing x / 127.5 - 1.</returns>
    public static Rescaling CreatePreprocessing(string name = "mobilenetv2_preprocessing") => new(1.0 / 127.5, offset: -1, name: name);

    /// <summary>Prepares RGB images of 0 to 255 for the network, as Keras's <c>mobilenet_v2.preprocess_input</c>: x / 127.5 - 1.</summary>
    /// <param name="x">Images, channels_last.</param>
    /// <returns>A new array with values in [-1, 1].</returns>
    public static NDArray PreprocessInput(NDArray x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new NDArray(x.Data.Select(v => (float)((v / 127.5) - 1)).ToArray(), x.Shape);
    }

    /// <summary>Rounds a filter count to a multiple of 8, never more than 10% below the request, as Keras's <c>_make_divisible</c>.</summary>
    internal static int MakeDivisible(double value, int divisor = 8)
    {
        var rounded = Math.Max(divisor, (int)(value + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * value ? rounded + divisor : rounded;
    }

    private static KerasTensor InvertedResidualBlock(KerasTensor inputs, int expansion, int stride, double alpha, int filters, int blockId)
    {
        var inChannels = inputs.Shape[-1]!.Value;
        var pointwiseFilters = MakeDivisible((int)(filters * alpha));
        var prefix = blockId == 0 ? "expanded_conv_" : $"block_{blockId}_";
        var x = inputs;

        // Expand: a 1x1 convolution to expansion * channels (skipped in the first block).
        if (blockId != 0)
        {
            x = new Conv2D(expansion * inChannels, 1, padding: "same", useBias: false, name: prefix + "expand").Apply(x);
            x = new BatchNormalization(momentum: Momentum, epsilon: Epsilon, name: prefix + "expand_BN").Apply(x);
            x = new ReLU(6.0, name: prefix + "expand_relu").Apply(x);
        }

        // Depthwise: strided blocks pad explicitly, as Keras's correct_pad does.
        if (stride == 2)
        {
            x = new ZeroPadding2D(ApplicationChecks.CorrectPad(x.Shape, 3), name: prefix + "pad").Apply(x);
        }

        x = new DepthwiseConv2D(3, strides: stride, padding: stride == 1 ? "same" : "valid", useBias: false, name: prefix + "depthwise").Apply(x);
        x = new BatchNormalization(momentum: Momentum, epsilon: Epsilon, name: prefix + "depthwise_BN").Apply(x);
        x = new ReLU(6.0, name: prefix + "depthwise_relu").Apply(x);

        // Project: a linear 1x1 convolution back to the block's width.
        x = new Conv2D(pointwiseFilters, 1, padding: "same", useBias: false, name: prefix + "project").Apply(x);
        x = new BatchNormalization(momentum: Momentum, epsilon: Epsilon, name: prefix + "project_BN").Apply(x);

        return inChannels == pointwiseFilters && stride == 1 ? new Add(name: prefix + "add").Apply([inputs, x]) : x;
    }
}
