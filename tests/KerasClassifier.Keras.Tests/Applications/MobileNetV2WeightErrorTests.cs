using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Applications;

/// <summary>Weight files that do not fit a MobileNetV2: each error names the file, the layer or weight, and the fix.</summary>
public class MobileNetV2WeightErrorTests
{
    [Fact]
    public void OtherAlpha_NamesLayerAndAlpha()
    {
        using var folder = new TempDirectory();
        var path = folder.File("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.5_224_no_top.h5");
        KerasApplicationFiles.Write(path, KerasApplicationFiles.MobileNetV2(0.5, includeTop: false));

        var error = Assert.Throws<InvalidDataException>(() => MobileNetV2.Create([32, 32, 3], alpha: 1.0, includeTop: false, weights: path));

        Assert.Contains($"'{path}' at /Conv1/Conv1/kernel:0", error.Message);
        Assert.Contains("layer 'Conv1', variable 'kernel': expected (3, 3, 3, 32), found (3, 3, 3, 16)", error.Message);
        Assert.Contains("the file holds weights for alpha 0.5 (layer block_16_project has 160 filters), but the model has alpha 1.0", error.Message);
        Assert.Contains("create the model with alpha: 0.5, or pass the file for alpha 1.0, mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void NoTopFile_IntoTopModel()
    {
        using var folder = new TempDirectory();
        var path = folder.File("no_top.h5");
        KerasApplicationFiles.Write(path, KerasApplicationFiles.MobileNetV2(0.35, includeTop: false));

        var error = Assert.Throws<InvalidDataException>(() => MobileNetV2.Create([96, 96, 3], alpha: 0.35, includeTop: true, weights: path));

        Assert.Contains(path, error.Message);
        Assert.Contains("the model has the classifier layer 'predictions' (includeTop: true), but the file has no such layer (looked for 'predictions', 'Logits')", error.Message);
        Assert.Contains("create the model with includeTop: false, or pass the file with the top, mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96.h5.", error.Message);
    }

    [Fact]
    public void TopFile_IntoNoTopModel()
    {
        using var folder = new TempDirectory();
        var path = folder.File("top.h5");
        KerasApplicationFiles.Write(path, KerasApplicationFiles.MobileNetV2(0.35, includeTop: true, classes: 10));

        var error = Assert.Throws<InvalidDataException>(() => MobileNetV2.Create([96, 96, 3], alpha: 0.35, includeTop: false, weights: path));

        Assert.Contains(path, error.Message);
        Assert.Contains("the file has the classifier layer 'Logits' with 10 classes, but the model was created with includeTop: false", error.Message);
        Assert.Contains("pass the file without the top, mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5", error.Message);
    }

    [Fact]
    public void OtherClassCount_NamesClasses()
    {
        using var folder = new TempDirectory();
        var path = folder.File("top.h5");
        KerasApplicationFiles.Write(path, KerasApplicationFiles.MobileNetV2(0.35, includeTop: true, classes: 10));

        var error = Assert.Throws<InvalidDataException>(() => MobileNetV2.Create([32, 32, 3], alpha: 0.35, includeTop: true, weights: path, classes: 5));

        Assert.Contains("at /Logits/Logits/kernel:0", error.Message);
        Assert.Contains("layer 'predictions', variable 'kernel': expected (1280, 5), found (1280, 10)", error.Message);
        Assert.Contains("create the model with classes: 10", error.Message);
    }

    [Fact]
    public void GrayInput_NamesChannels()
    {
        using var folder = new TempDirectory();
        var path = folder.File("no_top.h5");
        KerasApplicationFiles.Write(path, KerasApplicationFiles.MobileNetV2(0.35, includeTop: false));

        var error = Assert.Throws<InvalidDataException>(() => MobileNetV2.Create([32, 32, 1], alpha: 0.35, includeTop: false, weights: path));

        Assert.Contains("expected (3, 3, 1, 16), found (3, 3, 3, 16)", error.Message);
        Assert.Contains("the file's weights take 3 input channels and the model 1; create the model with inputShape (height, width, 3)", error.Message);
    }

    [Fact]
    public void ConvWithBias_ListsWeights()
    {
        using var folder = new TempDirectory();
        var path = folder.File("bias.h5");
        var layers = KerasApplicationFiles.MobileNetV2(0.35, includeTop: false);
        var index = layers.FindIndex(l => l.Name == "Conv1");
        layers[index] = layers[index] with { Weights = [.. layers[index].Weights, new KerasApplicationFiles.FileWeight("bias", [16])] };
        KerasApplicationFiles.Write(path, layers);

        var error = Assert.Throws<InvalidDataException>(() => MobileNetV2.Create([32, 32, 3], alpha: 0.35, includeTop: false, weights: path));

        Assert.Contains("at /Conv1:", error.Message);
        Assert.Contains("layer 'Conv1' (Conv2D) has the weights (kernel), but the file's layer 'Conv1' lists (Conv1/kernel:0, Conv1/bias:0)", error.Message);
    }

    [Fact]
    public void OtherNetwork_ListsLayers()
    {
        // A small network of other layers: two convolutions and a classifier.
        using var folder = new TempDirectory();
        var path = folder.File("small.h5");
        KerasApplicationFiles.Write(path, [
            new("conv2d", "conv2d", [new("kernel", [3, 3, 3, 8]), new("bias", [8])]),
            new("conv2d_1", "conv2d_1", [new("kernel", [3, 3, 8, 8]), new("bias", [8])]),
            new("dense", "dense", [new("kernel", [8, 2]), new("bias", [2])]),
        ]);

        var error = Assert.Throws<InvalidDataException>(() => MobileNetV2.Create([32, 32, 3], alpha: 0.35, includeTop: false, weights: path));

        Assert.Contains(path, error.Message);
        Assert.Contains("expected layer 'Conv1' of MobileNetV2, but the file has no such layer (103 more of the model's 104 layers with weights are missing too)", error.Message);
        Assert.Contains("the file's 3 layers with weights are conv2d, conv2d_1, dense", error.Message);
        Assert.Contains("pass MobileNetV2's Keras weight file for this configuration, mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5", error.Message);
    }

    [Fact]
    public void MobileNetV2File_IntoResNet50()
    {
        using var folder = new TempDirectory();
        var path = folder.File("mobilenet.h5");
        KerasApplicationFiles.Write(path, KerasApplicationFiles.MobileNetV2(0.35, includeTop: false));

        var error = Assert.Throws<InvalidDataException>(() => ResNet50.Create([32, 32, 3], includeTop: false, weights: path));

        Assert.Contains("expected layer 'conv1_conv' of ResNet50, but the file has no such layer", error.Message);
        Assert.Contains("(Conv1, bn_Conv1, expanded_conv_depthwise, expanded_conv_depthwise_BN, ...) look like MobileNetV2 weights", error.Message);
        Assert.Contains("resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5", error.Message);
    }

    [Fact]
    public void TruncatedFile_SaysTruncated()
    {
        using var folder = new TempDirectory();
        var whole = folder.File("whole.h5");
        KerasApplicationFiles.Write(whole, KerasApplicationFiles.MobileNetV2(0.35, includeTop: false));
        var path = folder.File("cut.h5");
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => MobileNetV2.Create([32, 32, 3], alpha: 0.35, includeTop: false, weights: path));

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("Pass Keras's MobileNetV2 weight file, for this configuration mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5", error.Message);
    }

    [Fact]
    public void TextFile_SaysNotHdf5()
    {
        using var folder = new TempDirectory();
        var path = folder.File("weights.h5");
        File.WriteAllText(path, "this is not a weight file\n");

        var error = Assert.Throws<InvalidDataException>(() => MobileNetV2.Create(includeTop: false, weights: path));

        Assert.Contains(path, error.Message);
        Assert.Contains("neither a zip archive (.keras) nor HDF5 (.h5)", error.Message);
    }

    [Fact]
    public void ImageNet_NamesKerasFile()
    {
        var error = Assert.Throws<ArgumentException>(() => MobileNetV2.Create([160, 160, 3], alpha: 0.75, includeTop: false, weights: "imagenet"));

        Assert.Equal("weights", error.ParamName);
        Assert.Contains("No 'imagenet' weights are bundled for MobileNetV2 (bundled: resnet18 (imagenet))", error.Message);
        Assert.Contains("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.75_160_no_top.h5", error.Message);
    }

    [Fact]
    public void MissingFile_NamesPath()
    {
        var error = Assert.Throws<FileNotFoundException>(() => MobileNetV2.Create(includeTop: false, weights: "/no/such/mobilenet.h5"));

        Assert.Contains("'/no/such/mobilenet.h5' was not found", error.Message);
        Assert.Contains("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5", error.Message);
    }

    [Fact]
    public void BareName_Rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ResNet50.Create(includeTop: false, weights: "coco"));

        Assert.Equal("weights", error.ParamName);
        Assert.Contains("Invalid weights 'coco' for ResNet50; expected null, 'imagenet' or the path of a weight file", error.Message);
    }
}
