using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Applications;

/// <summary>Loads files in the layout of Keras's MobileNetV2 weight files, at alpha 0.35 to keep them small.</summary>
public class MobileNetV2WeightFileTests
{
    private const double Alpha = 0.35;

    [Fact]
    public void NoTopFile_LoadsEveryVariable()
    {
        using var folder = new TempDirectory();
        var layers = KerasApplicationFiles.MobileNetV2(Alpha, includeTop: false);
        var path = folder.File("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5");
        KerasApplicationFiles.Write(path, layers);

        var model = MobileNetV2.Create([32, 32, 3], alpha: Alpha, includeTop: false, weights: path, pooling: "avg");

        KerasApplicationFiles.AssertLoaded(model, layers);
        Assert.Equal([2, 1280], model.Predict(RandomArrays.Uniform(3, 2, 32, 32, 3)).Shape);
    }

    [Fact]
    public void Conv1_MatchesManualConvolution()
    {
        // A 32x32 image through Conv1 (3x3, stride 2, "same"): TensorFlow pads one row and column after the image only.
        using var folder = new TempDirectory();
        var path = folder.File("no_top.h5");
        KerasApplicationFiles.Write(path, KerasApplicationFiles.MobileNetV2(Alpha, includeTop: false));
        var model = MobileNetV2.Create([32, 32, 3], alpha: Alpha, includeTop: false, weights: path);
        var image = RandomArrays.Uniform(5, 1, 32, 32, 3);

        var output = LayerRunner.Run(model.GetLayer("Conv1"), image);

        var kernel = KerasApplicationFiles.Values("Conv1", "kernel", 3 * 3 * 3 * 16);
        var expected = ReferenceConvolution.Conv2D(image.Data, 32, 3, kernel, 3, 16, stride: 2, padBefore: 0, outputSize: 16, bias: null);
        Assert.Equal([1, 16, 16, 16], output.Shape);
        TensorAssert.Close(expected, output.Data, 1e-5);
    }

    [Fact]
    public void Depthwise_MatchesManualConvolution()
    {
        using var folder = new TempDirectory();
        var path = folder.File("no_top.h5");
        KerasApplicationFiles.Write(path, KerasApplicationFiles.MobileNetV2(Alpha, includeTop: false));
        var model = MobileNetV2.Create([32, 32, 3], alpha: Alpha, includeTop: false, weights: path);
        var image = RandomArrays.Uniform(6, 1, 16, 16, 16);

        var output = LayerRunner.Run(model.GetLayer("expanded_conv_depthwise"), image);

        var kernel = KerasApplicationFiles.Values("expanded_conv_depthwise", "depthwise_kernel", 3 * 3 * 16);
        var expected = ReferenceConvolution.DepthwiseConv2D(image.Data, 16, 16, kernel, 3);
        TensorAssert.Close(expected, output.Data, 1e-5);
    }

    [Fact]
    public void TopFile_LoadsLogitsIntoPredictions()
    {
        using var folder = new TempDirectory();
        var layers = KerasApplicationFiles.MobileNetV2(Alpha, includeTop: true);
        var path = folder.File("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96.h5");
        KerasApplicationFiles.Write(path, layers);
        var model = MobileNetV2.Create([32, 32, 3], alpha: Alpha, includeTop: true, weights: path, classifierActivation: "linear");
        var features = RandomArrays.Uniform(7, 1, 1280);

        var logits = LayerRunner.Run(model.GetLayer("predictions"), features);

        KerasApplicationFiles.AssertLoaded(model, layers);
        var kernel = KerasApplicationFiles.Values("predictions", "kernel", 1280 * 1000);
        var bias = KerasApplicationFiles.Values("predictions", "bias", 1000);
        var expected = new float[1000];
        for (var unit = 0; unit < 1000; unit++)
        {
            double sum = bias[unit];
            for (var i = 0; i < 1280; i++)
            {
                sum += features.Data[i] * kernel[(i * 1000) + unit];
            }

            expected[unit] = (float)sum;
        }

        TensorAssert.Close(expected, logits.Data, 1e-4);
    }

    [Fact]
    public void FullModelFile_LoadsModelWeights()
    {
        using var folder = new TempDirectory();
        var layers = KerasApplicationFiles.MobileNetV2(Alpha, includeTop: false);
        var path = folder.File("saved_model.h5");
        KerasApplicationFiles.Write(path, layers, underModelWeights: true);

        var model = MobileNetV2.Create([32, 32, 3], alpha: Alpha, includeTop: false, weights: path);

        KerasApplicationFiles.AssertLoaded(model, layers);
    }

    [Theory]
    [InlineData("saved.h5")]
    [InlineData("saved.weights.h5")]
    public void SavedWeights_LoadBack(string fileName)
    {
        using var folder = new TempDirectory();
        var path = folder.File(fileName);
        var original = MobileNetV2.Create([32, 32, 3], alpha: Alpha, includeTop: false);
        original.SaveWeights(path);

        var loaded = MobileNetV2.Create([32, 32, 3], alpha: Alpha, includeTop: false, weights: path);

        Assert.Equal(original.Weights.Select(w => w.GetValue()), loaded.Weights.Select(w => w.GetValue()));
    }

    [Fact]
    public void ReadAlpha_FindsFileAlpha()
    {
        using var folder = new TempDirectory();
        var path = folder.File("half.h5");
        KerasApplicationFiles.Write(path, KerasApplicationFiles.MobileNetV2(0.5, includeTop: false));
        var text = folder.File("notes.txt");
        File.WriteAllText(text, "not a weight file\n");

        Assert.Equal(0.5, MobileNetV2Weights.ReadAlpha(path));
        Assert.Null(MobileNetV2Weights.ReadAlpha(text));
    }

    [Fact]
    public void KerasFileName_FormatsAlphaAsPython()
    {
        Assert.Equal("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5", MobileNetV2Weights.KerasFileName(1.0, 224, includeTop: false));
        Assert.Equal("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96.h5", MobileNetV2Weights.KerasFileName(0.35, 96, includeTop: true));
        Assert.Equal("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.5_224_no_top.h5", MobileNetV2Weights.KerasFileName(0.5, 200, includeTop: false));
    }

    [Fact]
    public void PreprocessInput_ScalesToPlusMinusOne()
    {
        var pixels = new NDArray([0f, 127.5f, 255f], 1, 1, 1, 3);

        Assert.Equal([-1f, 0f, 1f], MobileNetV2.PreprocessInput(pixels).Data);
        Assert.Equal([-1f, 0f, 1f], LayerRunner.Run(MobileNetV2.CreatePreprocessing(), pixels).Data);
    }
}
