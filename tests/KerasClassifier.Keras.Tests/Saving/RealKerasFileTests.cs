using System.IO.Compression;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Saving.LegacyH5;
using KerasClassifier.Keras.Saving.Serialization;
using KerasClassifier.Keras.Tests.Testing;
using PureHDF;

namespace KerasClassifier.Keras.Tests.Saving;

/// <summary>Loads model files that Python Keras wrote (2.0.6 to 3.14) and checks what comes back.</summary>
public class RealKerasFileTests
{
    [Fact]
    public void MnistappFormats_LoadIdenticalState()
    {
        var fromArchive = KerasModels.Load(SharedData.Path("keras-files/" + "mnistapp_ShreyanshGupta28_model.keras"));
        var fromH5 = KerasModels.Load(SharedData.Path("keras-files/" + "mnistapp_ShreyanshGupta28_model.h5"));
        var built = SavingTestModels.Compiled(
            new Sequential([
                new InputLayer([28, 28]), new Flatten(), new Dense(64, "relu"), new Dense(32, "relu"), new Dense(16, "relu"), new Dense(10, "softmax"),
            ]),
            new Adam(1e-4));
        var fromWeights = built.LoadWeights(SharedData.Path("keras-files/" + "mnistapp_ShreyanshGupta28_model.weights.h5"));

        foreach (var result in new[] { fromArchive, fromH5, fromWeights })
        {
            Assert.Empty(result.Warnings);
            Assert.True(result.OptimizerStateRestored);
            Assert.Equal(17652, result.Model.Optimizer!.Iterations);
        }

        Assert.Equal("3.14.0", fromArchive.KerasVersion);
        Assert.Equal("3.14.0", fromH5.KerasVersion);
        Assert.Equal(SavingTestModels.WeightValues(fromArchive.Model), SavingTestModels.WeightValues(fromH5.Model));
        Assert.Equal(SavingTestModels.WeightValues(fromArchive.Model), SavingTestModels.WeightValues(fromWeights.Model));
        Assert.Equal(SavingTestModels.OptimizerValues(fromArchive.Model), SavingTestModels.OptimizerValues(fromH5.Model));
        Assert.Equal(SavingTestModels.OptimizerValues(fromArchive.Model), SavingTestModels.OptimizerValues(fromWeights.Model));
        Assert.Equal((float)9.999999747378752e-05, (float)fromArchive.Model.Optimizer!.LearningRate);
    }

    [Theory]
    [InlineData("fashion_Aman-21k_model.keras")]
    [InlineData("mnistapp_ShreyanshGupta28_model.keras")]
    [InlineData("mnistapp_ShreyanshGupta28_model.h5")]
    [InlineData("mnist_4bumuhammad_mnist_model.h5")]
    [InlineData("mnistcnn_A-I-nstein_cnn_model.h5")]
    [InlineData("alpha_Gagan-v04_cnn_model.h5")]
    [InlineData("denoise_NotPocik_autoencoder.keras")]
    public void SupportedFile_LoadsPredictsAndRoundTrips(string name)
    {
        using var folder = new TempDirectory();
        var result = KerasModels.Load(SharedData.Path("keras-files/" + name));
        var model = result.Model;
        var x = Pixels(model, 2);

        var predicted = model.Predict(x);

        Assert.Empty(result.Warnings);
        Assert.True(result.Compiled);
        Assert.True(result.OptimizerStateRestored);
        Assert.All(predicted.Data, value => Assert.True(float.IsFinite(value)));
        foreach (var target in new[] { "resaved.keras", "resaved.h5" })
        {
            model.Save(folder.File(target));
            var reloaded = KerasModels.Load(folder.File(target));

            Assert.Equal(predicted.Data, reloaded.Model.Predict(x).Data);
            Assert.Equal(SavingTestModels.WeightValues(model), SavingTestModels.WeightValues(reloaded.Model));
            Assert.Equal(SavingTestModels.OptimizerValues(model), SavingTestModels.OptimizerValues(reloaded.Model));
            Assert.True(reloaded.Compiled);
            Assert.True(reloaded.OptimizerStateRestored);
            Assert.Empty(reloaded.Warnings);
        }
    }

    [Theory]
    [InlineData("fashion_Aman-21k_model.keras")]
    [InlineData("mnistapp_ShreyanshGupta28_model.keras")]
    [InlineData("mnist_4bumuhammad_mnist_model.h5")]
    [InlineData("mnistcnn_A-I-nstein_cnn_model.h5")]
    [InlineData("alpha_Gagan-v04_cnn_model.h5")]
    public void ClassifierFile_PredictsProbabilities(string name)
    {
        var model = KerasModels.LoadModel(SharedData.Path("keras-files/" + name));

        var predicted = model.Predict(Pixels(model, 4));

        var classes = predicted.Shape[1];
        Assert.All(Enumerable.Range(0, 4), row => Assert.Equal(1.0, predicted.Data.Skip(row * classes).Take(classes).Sum(v => (double)v), 4));
    }

    [Fact]
    public void FashionModel_MatchesIndependentForwardPass()
    {
        var path = SharedData.Path("keras-files/" + "fashion_Aman-21k_model.keras");
        var model = KerasModels.LoadModel(path);
        var x = Pixels(model, 2);
        var raw = ReadArchiveWeights(path);

        var expected = new List<float>();
        for (var n = 0; n < 2; n++)
        {
            var image = new Tensor3(28, 28, 1, x.Data.Skip(n * 784).Take(784).ToArray());
            var features = MaxPool(Conv(MaxPool(Conv(image, raw["conv2d/0"], raw["conv2d/1"])), raw["conv2d_1/0"], raw["conv2d_1/1"]));
            var hidden = DenseLayer(features.Values, raw["dense/0"], raw["dense/1"], relu: true);
            expected.AddRange(Softmax(DenseLayer(hidden, raw["dense_1/0"], raw["dense_1/1"], relu: false)));
        }

        var actual = model.Predict(x).Data;

        Assert.Equal(expected.Count, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 5));
    }

    [Fact]
    public void ChannelsFirstKeras21Weights_ReorderDenseRows()
    {
        var path = SharedData.Path("keras-files/" + "mnistw_AFNordal_weights.h5");
        var conv1 = new Conv2D(30, 5, activation: "relu");
        var pool1 = new MaxPooling2D(2);
        var conv2 = new Conv2D(15, 3, activation: "relu");
        var pool2 = new MaxPooling2D(2);
        var dropout = new Dropout(0.2);
        var model = new Sequential([
            new InputLayer([28, 28, 1]), conv1, pool1, conv2, pool2, dropout, new Flatten(), new Dense(128, "relu"), new Dense(50, "relu"), new Dense(10, "softmax"),
        ]);

        var result = model.LoadWeights(path, dataFormat: "channels_first");

        Assert.Equal(KerasFileFormat.LegacyHdf5Weights, result.Format);
        Assert.Equal("2.1.4", result.KerasVersion);
        Assert.Empty(result.Warnings);

        // Reference: the file's Dense kernels applied to the feature map flattened channels first, as Keras 2.1 computed it.
        var features = new Sequential([new InputLayer([28, 28, 1]), conv1, pool1, conv2, pool2, dropout]);
        var x = Pixels(model, 3);
        var maps = features.Predict(x);
        using var file = H5File.OpenRead(path);
        float[] Read(string dataset) => file.Dataset(dataset).Read<float[]>();
        var expected = new List<float>();
        for (var n = 0; n < 3; n++)
        {
            var channelsFirst = new float[375];
            for (var h = 0; h < 5; h++)
            {
                for (var w = 0; w < 5; w++)
                {
                    for (var c = 0; c < 15; c++)
                    {
                        channelsFirst[(((c * 5) + h) * 5) + w] = maps[n, h, w, c];
                    }
                }
            }

            var hidden1 = DenseLayer(channelsFirst, (Read("dense_1/dense_1/kernel:0"), [375, 128]), (Read("dense_1/dense_1/bias:0"), [128]), relu: true);
            var hidden2 = DenseLayer(hidden1, (Read("dense_2/dense_2/kernel:0"), [128, 50]), (Read("dense_2/dense_2/bias:0"), [50]), relu: true);
            expected.AddRange(Softmax(DenseLayer(hidden2, (Read("dense_3/dense_3/kernel:0"), [50, 10]), (Read("dense_3/dense_3/bias:0"), [10]), relu: false)));
        }

        Assert.All(expected.Zip(model.Predict(x).Data), pair => Assert.Equal(pair.First, pair.Second, 5));
    }

    [Fact]
    public void ChannelsFirstOnNewFile_Ignored()
    {
        var model = SavingTestModels.Compiled(new Sequential([
            new InputLayer([28, 28, 1]), new Conv2D(32, 3, padding: "same", activation: "relu"), new MaxPooling2D(2),
            new Conv2D(64, 3, padding: "same", activation: "relu"), new MaxPooling2D(2), new Conv2D(128, 3, padding: "same", activation: "relu"), new MaxPooling2D(2),
            new Flatten(), new Dense(54, "relu"), new Dense(10, "softmax"),
        ]));
        var path = SharedData.Path("keras-files/" + "mnistcnn_A-I-nstein_cnn_model.h5");

        var result = model.LoadWeights(path, dataFormat: "channels_first");

        Assert.Equal(
            $"dataFormat 'channels_first' was ignored: '{path}' was written by Keras 2.6.0, whose Flatten already stores Dense rows in channels_last order.",
            Assert.Single(result.Warnings));
        Assert.Equal(SavingTestModels.WeightValues(KerasModels.LoadModel(path)), SavingTestModels.WeightValues(model));
    }

    [Fact]
    public void LambdaFile_Rejected()
    {
        var path = SharedData.Path("keras-files/" + "carnd_1524045patrick_model.h5");

        var error = Assert.Throws<NotSupportedException>(() => KerasModels.LoadModel(path));

        Assert.StartsWith(
            $"Cannot load '{path}' at /@model_config: The model uses a layer class this library does not support: 'lambda_1' (Lambda, Python code). Note: a Lambda layer stores a Python function as bytecode",
            error.Message);
        Assert.EndsWith($"Supported layer classes: {string.Join(", ", LayerRegistry.ClassNames)}.", error.Message);
    }

    [Fact]
    public void LstmFile_RejectedWithLayers()
    {
        var path = SharedData.Path("keras-files/lstm_Aditya1026-05_model.keras");

        var error = Assert.Throws<NotSupportedException>(() => KerasModels.LoadModel(path));

        Assert.Equal(
            $"Cannot load '{path}' at config.json: The model uses layer classes this library does not support: 'lstm_2' (LSTM), 'lstm_3' (LSTM). "
            + $"Supported layer classes: {string.Join(", ", LayerRegistry.ClassNames)}.",
            error.Message);
    }

    [Fact]
    public void TfKerasOptimizerWeights_MapBlockedSlots()
    {
        var path = SharedData.Path("keras-files/mnistcnn_A-I-nstein_cnn_model.h5");

        var result = KerasModels.Load(path);

        Assert.True(result.OptimizerStateRestored);
        using var file = H5File.OpenRead(path);
        var optimizer = result.Model.Optimizer!;
        Assert.Equal(file.Dataset("optimizer_weights/Adam/iter:0").Read<long>(), optimizer.Iterations);
        var slots = optimizer.Variables.Skip(2).ToArray();
        Assert.Equal(file.Dataset("optimizer_weights/Adam/conv2d/kernel/m:0").Read<float[]>(), slots[0].GetValue());
        Assert.Equal(file.Dataset("optimizer_weights/Adam/conv2d/kernel/v:0").Read<float[]>(), slots[1].GetValue());
        Assert.Equal(file.Dataset("optimizer_weights/Adam/dense_1/bias/m:0").Read<float[]>(), slots[^2].GetValue());
        Assert.Equal(file.Dataset("optimizer_weights/Adam/dense_1/bias/v:0").Read<float[]>(), slots[^1].GetValue());
    }

    [Fact]
    public void Keras333OptimizerWeights_MapByOrder()
    {
        var path = SharedData.Path("keras-files/mnist_4bumuhammad_mnist_model.h5");

        var result = KerasModels.Load(path);

        Assert.True(result.OptimizerStateRestored);
        using var file = H5File.OpenRead(path);
        var optimizer = result.Model.Optimizer!;
        Assert.Equal(file.Dataset("optimizer_weights/adam/iteration").Read<long>(), optimizer.Iterations);
        Assert.Equal(file.Dataset("optimizer_weights/adam/sequential_dense_kernel_momentum").Read<float[]>(), optimizer.Variables[2].GetValue());
        Assert.Equal(file.Dataset("optimizer_weights/adam/sequential_dense_2_bias_velocity").Read<float[]>(), optimizer.Variables[^1].GetValue());
    }

    [Fact]
    public void Keras20OptimizerWeights_ReadAsBlocked()
    {
        var path = SharedData.Path("keras-files/" + "carnd_1524045patrick_model.h5");
        using var file = H5File.OpenRead(path);

        var state = LegacyOptimizerWeights.Read(file.Group("optimizer_weights"), new FileLocation(path))!;

        Assert.Equal(OptimizerSlotLayout.Blocked, state.Layout);
        Assert.False(state.HasLearningRate);
        Assert.Equal(25, state.Arrays.Count);
        Assert.NotNull(state.Arrays[0].Floats);
        Assert.Equal((long)Math.Round(file.Dataset("optimizer_weights/iterations:0").Read<float>()), state.Arrays[0].AsScalarInteger());
        Assert.Equal([5, 5, 3, 24], state.Arrays[1].Shape);
    }

    /// <summary>Deterministic inputs in [0, 1] for a model's input shape.</summary>
    private static NDArray Pixels(Model model, int count)
    {
        var shape = model.InputShape!.Dims.Skip(1).Select(d => d!.Value).ToArray();
        var per = shape.Aggregate(1, (a, b) => a * b);
        var values = new float[count * per];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i * 7919L % 256) / 255f;
        }

        return new NDArray(values, [count, .. shape]);
    }

    private static Dictionary<string, (float[] Values, int[] Shape)> ReadArchiveWeights(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var copy = new MemoryStream();
        using (var member = zip.GetEntry("model.weights.h5")!.Open())
        {
            member.CopyTo(copy);
        }

        copy.Position = 0;
        using var file = H5File.Open(copy, leaveOpen: true);
        var result = new Dictionary<string, (float[], int[])>();
        foreach (var layer in new[] { "conv2d", "conv2d_1", "dense", "dense_1" })
        {
            for (var i = 0; i < 2; i++)
            {
                var dataset = file.Dataset($"layers/{layer}/vars/{i}");
                result[$"{layer}/{i}"] = (dataset.Read<float[]>(), dataset.Space.Dimensions.Select(d => (int)d).ToArray());
            }
        }

        return result;
    }

    private static Tensor3 Conv(Tensor3 input, (float[] Values, int[] Shape) kernel, (float[] Values, int[] Shape) bias)
    {
        int kh = kernel.Shape[0], kw = kernel.Shape[1], cin = kernel.Shape[2], cout = kernel.Shape[3];
        var output = new Tensor3(input.Height - kh + 1, input.Width - kw + 1, cout);
        for (var y = 0; y < output.Height; y++)
        {
            for (var x = 0; x < output.Width; x++)
            {
                for (var o = 0; o < cout; o++)
                {
                    double sum = bias.Values[o];
                    for (var i = 0; i < kh; i++)
                    {
                        for (var j = 0; j < kw; j++)
                        {
                            for (var c = 0; c < cin; c++)
                            {
                                sum += input[y + i, x + j, c] * kernel.Values[(((((i * kw) + j) * cin) + c) * cout) + o];
                            }
                        }
                    }

                    output[y, x, o] = (float)Math.Max(0, sum);
                }
            }
        }

        return output;
    }

    private static Tensor3 MaxPool(Tensor3 input)
    {
        var output = new Tensor3(input.Height / 2, input.Width / 2, input.Channels);
        for (var y = 0; y < output.Height; y++)
        {
            for (var x = 0; x < output.Width; x++)
            {
                for (var c = 0; c < input.Channels; c++)
                {
                    output[y, x, c] = Math.Max(
                        Math.Max(input[2 * y, 2 * x, c], input[2 * y, (2 * x) + 1, c]),
                        Math.Max(input[(2 * y) + 1, 2 * x, c], input[(2 * y) + 1, (2 * x) + 1, c]));
                }
            }
        }

        return output;
    }

    private static float[] DenseLayer(float[] input, (float[] Values, int[] Shape) kernel, (float[] Values, int[] Shape) bias, bool relu)
    {
        var units = kernel.Shape[1];
        var output = new float[units];
        for (var u = 0; u < units; u++)
        {
            double sum = bias.Values[u];
            for (var i = 0; i < input.Length; i++)
            {
                sum += input[i] * kernel.Values[(i * units) + u];
            }

            output[u] = (float)(relu ? Math.Max(0, sum) : sum);
        }

        return output;
    }

    private static float[] Softmax(float[] logits)
    {
        var max = logits.Max();
        var exp = logits.Select(v => Math.Exp(v - max)).ToArray();
        var total = exp.Sum();
        return exp.Select(v => (float)(v / total)).ToArray();
    }

    /// <summary>A height x width x channels array, channels last.</summary>
    private sealed class Tensor3(int height, int width, int channels, float[]? values = null)
    {
        public int Height { get; } = height;

        public int Width { get; } = width;

        public int Channels { get; } = channels;

        public float[] Values { get; } = values ?? new float[height * width * channels];

        public float this[int y, int x, int c]
        {
            get => Values[(((y * Width) + x) * Channels) + c];
            set => Values[(((y * Width) + x) * Channels) + c] = value;
        }
    }
}
