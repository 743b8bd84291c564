using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Applications;

/// <summary>
/// ResNet-50 (He et al., 2015) built layer for layer as Keras's <c>keras.applications.ResNet50</c>,
/// with the same layer names (<c>conv1_conv</c>, <c>conv2_block1_1_conv</c>...), so that Keras's
/// ImageNet weight files map onto it by name.
/// </summary>
/// <remarks>
/// <para>
/// With 224x224x3 inputs and the 1000-class top, the model has 25,636,712 parameters, as in Keras.
/// Inputs are expected in Keras's <c>resnet50.preprocess_input</c> form (see
/// <see cref="PreprocessInput"/> and <see cref="CreatePreprocessing"/>): RGB values of 0 to 255
/// reordered to BGR, minus the ImageNet means <see cref="MeanBgr"/>, without scaling.
/// </para>
/// <para>
/// <c>weights</c> takes the path of Keras's weight file,
/// <c>resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5</c> or, with the top,
/// <c>resnet50_weights_tf_dim_ordering_tf_kernels.h5</c> (Keras keeps its downloads in
/// <c>~/.keras/models</c>). Files of both generations load: those with this library's layer names
/// and those of Keras 2.2 and older (<c>res2a_branch2a</c>). The older files were used in Keras
/// with batch normalization epsilon 1e-3, this model uses Keras 3's 1.001e-5, so their features
/// differ slightly from what Keras 2.2 computed. No ImageNet weights are bundled, so
/// <c>"imagenet"</c> is rejected with the name of the file to pass.
/// </para>
/// </remarks>
/// <example><c>var backbone = ResNet50.Create(includeTop: false, weights: "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5", pooling: "avg");</c></example>
public static class ResNet50
{
    private const double Epsilon = 1.001e-5;

    /// <summary>Gets the ImageNet channel means, in blue, green, red order, that <see cref="PreprocessInput"/> subtracts, as Keras's <c>caffe</c> mode.</summary>
    public static IReadOnlyList<double> MeanBgr { get; } = [103.939, 116.779, 123.68];

    /// <summary>Creates the model.</summary>
    /// <param name="inputShape">The (height, width, channels) input shape (default 224x224x3); both sides at least 32.</param>
    /// <param name="includeTop">Whether to end with <c>avg_pool</c> and the <c>predictions</c> Dense layer (default true).</param>
    /// <param name="weights">Null (default) for random initialisation, or the path of a Keras weight file with the same top: a legacy HDF5 file as Keras's applications download it (layers matched by name), a Keras 3 <c>.weights.h5</c> file or a <c>.keras</c> archive.</param>
    /// <param name="classes">The number of classes of the top (default 1000).</param>
    /// <param name="classifierActivation">The top's activation (default <c>softmax</c>).</param>
    /// <param name="pooling">Without the top: null (4D feature map), <c>avg</c> or <c>max</c>.</param>
    /// <param name="name">The model name (default <c>resnet50</c>).</param>
    /// <returns>A built, uncompiled functional model.</returns>
    /// <exception cref="ArgumentException">The input shape, classes or pooling is invalid, or <paramref name="weights"/> is <c>imagenet</c> or another name rather than a path.</exception>
    /// <exception cref="FileNotFoundException">The weight file does not exist.</exception>
    /// <exception cref="InvalidDataException">The weight file is not a Keras weight file, is truncated, or was saved for another architecture, top or input channel count; the message names the layer, weight and shapes.</exception>
    public static Functional Create(
        int[]? inputShape = null,
        bool includeTop = true,
        string? weights = null,
        int classes = 1000,
        string classifierActivation = "softmax",
        string? pooling = null,
        string name = "resnet50")
    {
        var shape = inputShape ?? [224, 224, 3];
        if (shape.Length != 3 || shape[0] < 32 || shape[1] < 32 || shape[2] <= 0)
        {
            throw new ArgumentException(
                $"Invalid inputShape ({string.Join(", ", shape)}) for ResNet50; expected (height, width, channels) with both sides at least 32.", nameof(inputShape));
        }

        ApplicationChecks.RequireTop(includeTop, classes, pooling, "ResNet50");
        var spec = ResNet50Weights.Spec(includeTop);
        var weightFile = weights is null ? null : ApplicationWeights.Resolve(weights, spec);

        var inputs = Keras.Input(shape, name: "input_layer");
        var x = new ZeroPadding2D(3, name: "conv1_pad").Apply(inputs);
        x = new Conv2D(64, 7, strides: 2, name: "conv1_conv").Apply(x);
        x = new BatchNormalization(epsilon: Epsilon, name: "conv1_bn").Apply(x);
        x = new Activation("relu", name: "conv1_relu").Apply(x);
        x = new ZeroPadding2D(1, name: "pool1_pad").Apply(x);
        x = new MaxPooling2D(3, strides: 2, name: "pool1_pool").Apply(x);

        x = Stack(x, 64, 3, firstStride: 1, "conv2");
        x = Stack(x, 128, 4, firstStride: 2, "conv3");
        x = Stack(x, 256, 6, firstStride: 2, "conv4");
        x = Stack(x, 512, 3, firstStride: 2, "conv5");

        x = ApplicationChecks.Head(x, includeTop, classes, classifierActivation, pooling, "avg_pool", "max_pool");
        var model = new Functional(inputs, x, name);
        if (weightFile is not null)
        {
            ApplicationWeights.Load(model, weightFile, spec);
        }

        return model;
    }

    /// <summary>Creates the layer that turns RGB photos of 0 to 255 into this network's input.</summary>
    /// <param name="name">The layer name (default <c>resnet50_preprocessing</c>).</param>
    /// <returns>A <see cref="CaffePreprocessing"/> layer with <see cref="MeanBgr"/>.</returns>
    public static CaffePreprocessing CreatePreprocessing(string name = "resnet50_preprocessing") => new([.. MeanBgr], name);

    /// <summary>Prepares RGB images of 0 to 255 for the network, as Keras's <c>resnet50.preprocess_input</c>.</summary>
    /// <param name="x">Images, channels_last, last axis of size 3 in RGB order.</param>
    /// <returns>A new array: the channels in BGR order minus <see cref="MeanBgr"/>.</returns>
    /// <exception cref="ArgumentException">The last axis is not 3.</exception>
    public static NDArray PreprocessInput(NDArray x) => CaffePreprocessing.Apply(x, MeanBgr);

    private static KerasTensor Stack(KerasTensor x, int filters, int blocks, int firstStride, string name)
    {
        x = Bottleneck(x, filters, firstStride, convolutionShortcut: true, $"{name}_block1");
        for (var i = 2; i <= blocks; i++)
        {
            x = Bottleneck(x, filters, 1, convolutionShortcut: false, $"{name}_block{i}");
        }

        return x;
    }

    /// <summary>Adds one bottleneck block: 1x1, 3x3 and 1x1 (4 * filters) convolutions plus the shortcut, as Keras's <c>block1</c>.</summary>
    private static KerasTensor Bottleneck(KerasTensor x, int filters, int stride, bool convolutionShortcut, string name)
    {
        var shortcut = x;
        if (convolutionShortcut)
        {
            shortcut = new Conv2D(4 * filters, 1, strides: stride, name: name + "_0_conv").Apply(x);
            shortcut = new BatchNormalization(epsilon: Epsilon, name: name + "_0_bn").Apply(shortcut);
        }

        x = new Conv2D(filters, 1, strides: stride, name: name + "_1_conv").Apply(x);
        x = new BatchNormalization(epsilon: Epsilon, name: name + "_1_bn").Apply(x);
        x = new Activation("relu", name: name + "_1_relu").Apply(x);

        x = new Conv2D(filters, 3, padding: "same", name: name + "_2_conv").Apply(x);
        x = new BatchNormalization(epsilon: Epsilon, name: name + "_2_bn").Apply(x);
        x = new Activation("relu", name: name + "_2_relu").Apply(x);

        x = new Conv2D(4 * filters, 1, name: name + "_3_conv").Apply(x);
        x = new BatchNormalization(epsilon: Epsilon, name: name + "_3_bn").Apply(x);

        x = new Add(name: name + "_add").Apply([shortcut, x]);
        return new Activation("relu", name: name + "_out").Apply(x);
    }
}
