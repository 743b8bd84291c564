using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Applications;

/// <summary>
/// Loads one file in the layout of Keras's <c>resnet50_weights_tf_dim_ordering_tf_kernels.h5</c>.
/// The file has all 25.6 million weights (about 100 MB), so the class writes it once to a temporary
/// folder and deletes it afterwards.
/// </summary>
public class ResNet50WeightFileTests : IClassFixture<ResNet50WeightFileTests.TopFile>
{
    private readonly TopFile file;

    public ResNet50WeightFileTests(TopFile file)
    {
        this.file = file;
    }

    [Fact]
    public void TopFile_LoadsEveryVariable()
    {
        var model = ResNet50.Create([32, 32, 3], includeTop: true, weights: file.Path);
        var image = RandomArrays.Uniform(11, 1, 38, 38, 3);

        // conv1_conv is a 7x7 stride-2 "valid" convolution with a bias on the 38x38 padded image: 16x16 outputs.
        var output = LayerRunner.Run(model.GetLayer("conv1_conv"), image);

        KerasApplicationFiles.AssertLoaded(model, file.Layers);
        var kernel = KerasApplicationFiles.Values("conv1_conv", "kernel", 7 * 7 * 3 * 64);
        var bias = KerasApplicationFiles.Values("conv1_conv", "bias", 64);
        var expected = ReferenceConvolution.Conv2D(image.Data, 38, 3, kernel, 7, 64, stride: 2, padBefore: 0, outputSize: 16, bias: bias);
        Assert.Equal([1, 16, 16, 64], output.Shape);
        TensorAssert.Close(expected, output.Data, 1e-4);
    }

    [Fact]
    public void TopFile_IntoNoTopModel()
    {
        var error = Assert.Throws<InvalidDataException>(() => ResNet50.Create([32, 32, 3], includeTop: false, weights: file.Path));

        Assert.Contains($"'{file.Path}' at /:", error.Message);
        Assert.Contains("the file has the classifier layer 'probs' with 1000 classes, but the model was created with includeTop: false", error.Message);
        Assert.Contains("create it with includeTop: true, or pass the file without the top, resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5", error.Message);
    }

    [Fact]
    public void ResNet50File_IntoMobileNetV2()
    {
        var error = Assert.Throws<InvalidDataException>(() => MobileNetV2.Create([32, 32, 3], includeTop: false, weights: file.Path));

        Assert.Contains(file.Path, error.Message);
        Assert.Contains("expected layer 'Conv1' of MobileNetV2, but the file has no such layer", error.Message);
        Assert.Contains("the file's 107 layers with weights (conv1_conv, conv1_bn, conv2_block1_0_conv, conv2_block1_0_bn, ...) look like ResNet50 weights", error.Message);
        Assert.Contains("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5", error.Message);
    }

    [Fact]
    public void LegacyLayerNames_CoverEveryLayer()
    {
        // The files of Keras 2.2 and older name the same layers res2a_branch2a, bn_conv1 and so on.
        var legacy = KerasApplicationFiles.ResNet50(includeTop: true, legacyNames: true).Where(l => l.Weights.Length > 0).ToArray();
        var model = ResNet50.Create([32, 32, 3], includeTop: true);
        var spec = ResNet50Weights.Spec(includeTop: true);

        foreach (var layer in legacy)
        {
            Assert.Contains(layer.Name, spec.FileNamesOf(layer.ModelName));
        }

        Assert.Equal(legacy.Length, model.Layers.Count(l => l.Weights.Count > 0));
        Assert.Equal("res3b_branch2a", ResNet50Weights.LegacyLayerName("conv3_block2_1_conv"));
        Assert.Equal("bn5a_branch1", ResNet50Weights.LegacyLayerName("conv5_block1_0_bn"));
        Assert.Null(ResNet50Weights.LegacyLayerName("conv5_block3_out"));
    }

    [Fact]
    public void ImageNet_NamesKerasFile()
    {
        var error = Assert.Throws<ArgumentException>(() => ResNet50.Create(includeTop: false, weights: "imagenet"));

        Assert.Equal("weights", error.ParamName);
        Assert.Contains("pass the path of Keras's ResNet50 weight file instead, for this configuration resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5", error.Message);
    }

    [Fact]
    public void PreprocessInput_UsesCaffeMeans()
    {
        var pixels = new NDArray([10f, 20f, 30f], 1, 1, 1, 3);

        var expected = new[] { (float)(30 - 103.939), (float)(20 - 116.779), (float)(10 - 123.68) };
        Assert.Equal(expected, ResNet50.PreprocessInput(pixels).Data);
        TensorAssert.Close(expected, LayerRunner.Run(ResNet50.CreatePreprocessing(), pixels).Data, 1e-5);
    }

    /// <summary>The ResNet50 file with the top, in the current naming, written once per test class.</summary>
    public sealed class TopFile : IDisposable
    {
        private readonly TempDirectory folder = new();

        public TopFile()
        {
            Layers = KerasApplicationFiles.ResNet50(includeTop: true);
            Path = folder.File("resnet50_weights_tf_dim_ordering_tf_kernels.h5");
            KerasApplicationFiles.Write(Path, Layers);
        }

        public string Path { get; }

        internal IReadOnlyList<KerasApplicationFiles.FileLayer> Layers { get; }

        public void Dispose() => folder.Dispose();
    }
}
