using System.Text.Json.Nodes;
using KerasClassifier.Keras.Initializers;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Metrics;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Saving.KerasV3;
using KerasClassifier.Keras.Saving.Serialization;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving;

public class LayerRegistryTests
{
    public static TheoryData<Layer> Layers() =>
    [
        new Dense(7, activation: "tanh", useBias: false, kernelInitializer: "he_normal"),
        new Conv2D(5, (3, 2), strides: 2, padding: "same", activation: "relu", biasInitializer: "ones"),
        new BatchNormalization(momentum: 0.9, epsilon: 1e-5, center: false),
        new Activation("sigmoid"),
        new ReLU(maxValue: 6, negativeSlope: 0.1, threshold: 0.5),
        new MaxPooling2D((3, 3), strides: 1, padding: "same"),
        new GlobalAveragePooling2D(keepdims: true),
        new Flatten(),
        new Dropout(0.3, seed: 42),
        new Rescaling(1.0 / 127.5, offset: -1),
        new InputLayer([32, 32, 3]),
        new Add(), new Average(), new Maximum(), new Multiply(), new Subtract(), new Concatenate(axis: 1),
        new AveragePooling2D(3, strides: 2, padding: "same"), new GlobalMaxPooling2D(keepdims: true), new GlobalAveragePooling1D(), new MaxPooling1D(3),
        new ELU(0.5), new LeakyReLU(0.1), new Softmax(),
        new LayerNormalization(epsilon: 1e-5), new Embedding(10, 4),
        new Reshape([2, 8]), new Permute([2, 1]), new UpSampling2D(2), new ZeroPadding2D(1), new Cropping2D(2),
        new CenterCrop(8, 6), new RandomCrop(8, 6, seed: 3), new Resizing(16, 12, interpolation: "nearest"),
        new RandomFlip("horizontal", seed: 1), new RandomRotation([-0.1, 0.2], fillMode: "constant"), new RandomTranslation([0.1], [-0.2, 0.1]),
        new RandomZoom([0.2], [0.1, 0.3]), new RandomContrast([0.3]), new RandomBrightness([0.2], (0, 1)),
        new Normalization([0.5f, 0.25f], [0.1f, 0.2f], invert: true),
    ];

    [Theory]
    [MemberData(nameof(Layers))]
    public void ConfigRoundTrip_KeepsEveryKey(Layer layer)
    {
        var envelope = LayerEnvelope.Create(layer);

        var copy = LayerRegistry.Deserialize(envelope);

        Assert.Equal(layer.GetType(), copy.GetType());
        Assert.True(JsonNode.DeepEquals(layer.GetConfig(), copy.GetConfig()), $"{layer.GetConfig().ToJsonString()}\n{copy.GetConfig().ToJsonString()}");
    }

    [Fact]
    public void FrozenLayer_KeepsTrainableFlag()
    {
        var layer = new Dense(3, name: "frozen") { Trainable = false };

        var copy = LayerRegistry.Deserialize(LayerEnvelope.Create(layer));

        Assert.False(copy.Trainable);
        Assert.Equal("frozen", copy.Name);
    }

    [Fact]
    public void TrainableModel_KeepsFrozenLayers()
    {
        var frozen = new Dense(3, name: "frozen") { Trainable = false };
        var model = new Sequential([new InputLayer([2]), frozen, new Dense(2, name: "open")]);

        var copy = Assert.IsType<Sequential>(LayerRegistry.Deserialize(LayerEnvelope.Create(model)));

        Assert.True(copy.Trainable);
        Assert.False(copy.Layers[0].Trainable);
        Assert.True(copy.Layers[1].Trainable);
    }

    [Fact]
    public void FrozenModel_FreezesItsLayers()
    {
        var model = new Sequential([new InputLayer([2]), new Dense(3), new Dense(2)]) { Trainable = false };

        var copy = Assert.IsType<Sequential>(LayerRegistry.Deserialize(LayerEnvelope.Create(model)));

        Assert.False(copy.Trainable);
        Assert.All(copy.Layers, layer => Assert.False(layer.Trainable));
        Assert.Empty(copy.TrainableWeights);
    }

    [Fact]
    public void Keras2Sequential_BuildsFromFirstLayer()
    {
        var config = Parse("""
            {"name": "sequential_1", "layers": [
              {"class_name": "Conv2D", "config": {"name": "conv2d_1", "trainable": true, "batch_input_shape": [null, 12, 12, 3], "dtype": "float32",
                "filters": 4, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1],
                "activation": "relu", "use_bias": true,
                "kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 2.0, "mode": "fan_in", "distribution": "normal", "seed": null}},
                "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": null, "bias_regularizer": null,
                "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null}},
              {"class_name": "BatchNormalization", "config": {"name": "bn", "trainable": true, "axis": [3], "momentum": 0.99, "epsilon": 0.001,
                "center": true, "scale": true, "dtype": {"class_name": "Policy", "config": {"name": "float32"}}}},
              {"class_name": "Flatten", "config": {"name": "flatten_1", "trainable": true, "dtype": "float32"}},
              {"class_name": "Dense", "config": {"name": "dense_1", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
                "units": 2, "activation": "softmax", "use_bias": true,
                "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null}}}
            ]}
            """);

        var model = Sequential.FromConfig(config);

        Assert.True(model.Built);
        Assert.Equal(new Shape(null, 12, 12, 3), model.InputShape);
        Assert.Equal(new Shape(null, 2), model.OutputShape);
        var conv = Assert.IsType<Conv2D>(model.Layers[0]);
        var initializer = Assert.IsType<VarianceScaling>(conv.KernelInitializer);
        Assert.Equal(2.0, initializer.Scale);
        Assert.Equal(FanMode.FanIn, initializer.Mode);
        Assert.Equal(3, Assert.IsType<BatchNormalization>(model.Layers[1]).Axis);
        Assert.Equal("conv2d_1", model.Layers[0].Name);
    }

    [Fact]
    public void Keras20BareLayerList_Loads()
    {
        var envelope = Parse("""
            {"class_name": "Sequential", "config": [
              {"class_name": "Dense", "config": {"name": "dense_1", "trainable": true, "batch_input_shape": [null, 5], "units": 3, "activation": "linear", "use_bias": true}},
              {"class_name": "Dropout", "config": {"name": "dropout_1", "rate": 0.4, "trainable": true}}
            ]}
            """);

        var model = Assert.IsType<Sequential>(LayerRegistry.Deserialize(envelope));

        Assert.Equal(new Shape(null, 5), model.InputShape);
        Assert.Equal(["dense_1", "dropout_1"], model.Layers.Select(l => l.Name));
    }

    [Fact]
    public void RegularizerAndMixedPolicy_AreDroppedWithWarnings()
    {
        var envelope = Parse("""
            {"class_name": "Dense", "config": {"name": "reg", "units": 3, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "mixed_float16"}},
              "kernel_regularizer": {"class_name": "L2", "config": {"l2": 0.01}}}}
            """);
        using var scope = new DeserializationScope();

        LayerRegistry.Deserialize(envelope);

        Assert.Equal(
            [
                "Layer 'reg' (Dense) has dtype policy 'mixed_float16'; it runs in float32 here, which gives the same or more precise results.",
                "Layer 'reg' (Dense) has kernel_regularizer L2, which is not supported and was dropped; predictions are unchanged, but further training runs without it.",
            ],
            scope.Warnings);
    }

    [Theory]
    [InlineData("""{"class_name": "Dense", "config": {"name": "d", "units": 3, "dtype": "float64"}}""", "Layer 'd' (Dense) has dtype 'float64'; only float32 layers are supported.")]
    [InlineData("""{"class_name": "Conv2D", "config": {"name": "c", "filters": 3, "kernel_size": 3, "data_format": "channels_first"}}""", "Layer 'c' (Conv2D) has data_format 'channels_first'; only channels_last models are supported. Save the model from Keras with data_format='channels_last'.")]
    [InlineData("""{"class_name": "Dense", "config": {"name": "d", "units": 3, "activation": "mish"}}""", "Layer 'd' (Dense) uses activation \"mish\", which is not supported; supported activations: elu, exponential, gelu, hard_sigmoid, leaky_relu, linear, log_softmax, relu, relu6, selu, sigmoid, silu, softmax, softplus, softsign, swish, tanh.")]
    [InlineData("""{"class_name": "RandomContrast", "config": {"name": "r", "factor": 0.2, "value_range": [0, 1]}}""", "Layer 'r' (RandomContrast) has value_range [0,1]; only [0, 255] is supported.")]
    [InlineData("""{"class_name": "InputLayer", "config": {"name": "in", "batch_shape": [null, 5], "sparse": true}}""", "Input layer 'in' takes sparse or ragged tensors, which are not supported.")]
    public void UnsupportedOption_NamesLayer(string json, string expected)
    {
        var error = Assert.Throws<NotSupportedException>(() => LayerRegistry.Deserialize(Parse(json)));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void UnknownInitializer_NamesLayerAndKey()
    {
        var envelope = Parse("""{"class_name": "Dense", "config": {"name": "d", "units": 3, "kernel_initializer": {"class_name": "Orthogonal", "config": {"gain": 1.0}}}}""");

        var error = Assert.Throws<NotSupportedException>(() => LayerRegistry.Deserialize(envelope));

        Assert.StartsWith(
            "Layer 'd' (Dense) has kernel_initializer {\"class_name\":\"Orthogonal\",\"config\":{\"gain\":1.0}}, which is not supported: Unknown initializer 'Orthogonal'; expected one of ",
            error.Message);
    }

    [Fact]
    public void InputLayerWithUnknownSizes_Loads()
    {
        var layer = LayerRegistry.Deserialize(Parse("""{"class_name": "InputLayer", "config": {"name": "in", "batch_shape": [null, null, null, 3], "dtype": "uint8"}}"""));

        Assert.Equal(new Shape(null, null, null, 3), Assert.IsType<InputLayer>(layer).BatchShape);
    }

    [Theory]
    [InlineData("""{"class_name": "Dense", "config": {"name": "d", "units": "many"}}""", "Layer 'd' (Dense) has invalid units \"many\"; expected an integer.")]
    [InlineData("""{"class_name": "Dense", "config": {"name": "d", "units": -2}}""", "Invalid config for layer 'd' (Dense): Invalid units -2 for Dense; expected a positive integer. (Parameter 'units')\nActual value was -2.")]
    [InlineData("""{"config": {"name": "d"}}""", "Invalid layer entry {\"config\":{\"name\":\"d\"}}; class_name is missing.")]
    public void MalformedConfig_NamesLayerAndKey(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => LayerRegistry.Deserialize(Parse(json)));

        Assert.Equal(expected.ReplaceLineEndings(), error.Message.ReplaceLineEndings());
    }

    [Fact]
    public void CustomLayer_RegistersWithOneLine()
    {
        LayerRegistry.Register("Doubling", Doubling.FromConfig, module: "my_package.layers", registeredName: "Custom>Doubling");
        try
        {
            SaveAndLoadCustomLayer();
        }
        finally
        {
            LayerRegistry.Unregister<Doubling>();
        }

        Assert.DoesNotContain("Doubling", LayerRegistry.ClassNames);
    }

    private static void SaveAndLoadCustomLayer()
    {
        using var folder = new TempDirectory();
        var model = new Sequential([new InputLayer([3]), new Doubling(name: "twice"), new Dense(2)]);
        var (x, _) = SavingTestModels.Data([3], 4, 2);

        model.Save(folder.File("custom.keras"));
        var loaded = KerasModels.LoadModel(folder.File("custom.keras"));
        var envelope = LayerEnvelope.Create(model.Layers[0]);

        Assert.IsType<Doubling>(loaded.Layers[0]);
        Assert.Equal("twice", loaded.Layers[0].Name);
        Assert.Equal(model.Predict(x).Data, loaded.Predict(x).Data);
        Assert.Equal("my_package.layers", envelope["module"]!.ToString());
        Assert.Equal("Custom>Doubling", envelope["registered_name"]!.ToString());
    }

    [Theory]
    [InlineData("""{"class_name": "Custom>Adam", "config": {"name": "Adam", "learning_rate": 0.002, "decay": 0.0, "beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-08, "amsgrad": false, "is_legacy_optimizer": false}}""", 0.002, 0.8)]
    [InlineData("""{"class_name": "Adam", "config": {"lr": 9.999999747378752e-05, "beta_2": 0.9990000128746033, "beta_1": 0.8999999761581421, "decay": 0.0, "epsilon": 1e-08}}""", 9.999999747378752e-05, 0.8999999761581421)]
    public void Keras2OptimizerConfigs_Load(string json, double learningRate, double beta1)
    {
        var adam = Assert.IsType<Adam>(OptimizerRegistry.Deserialize(Parse(json)));

        Assert.Equal(learningRate, adam.LearningRate);
        Assert.Equal(beta1, adam.Beta1);
        Assert.Equal(1e-8, adam.Epsilon);
    }

    [Theory]
    [InlineData("""{"class_name": "Adam", "config": {"learning_rate": {"class_name": "ExponentialDecay", "config": {}}}}""", "Optimizer Adam uses the learning-rate schedule ExponentialDecay, which is not supported.")]
    [InlineData("""{"class_name": "SGD", "config": {"learning_rate": 0.1, "loss_scale_factor": 128.0}}""", "Optimizer SGD sets loss_scale_factor = 128.0, which is not supported.")]
    [InlineData("""{"class_name": "Adam", "config": {"learning_rate": 0.1, "decay": 0.001}}""", "Optimizer Adam sets decay = 0.001, Keras 2's learning-rate decay, which is not supported.")]
    [InlineData("""{"class_name": "Ftrl", "config": {}}""", "Optimizer class 'Ftrl' is not supported; supported optimizers: Adagrad, Adam, AdamW, Nadam, RMSprop, SGD.")]
    public void UnsupportedOptimizer_Explained(string json, string expected)
    {
        var error = Assert.Throws<NotSupportedException>(() => OptimizerRegistry.Deserialize(Parse(json)));

        Assert.Equal(expected, error.Message);
    }

    public static TheoryData<Optimizer> Optimizers() =>
    [
        new Adam(0.002, beta1: 0.8, amsgrad: true) { ClipNorm = 1.5 },
        new SGD(0.1, momentum: 0.9, nesterov: true) { WeightDecay = 0.01 },
        new AdamW(0.003, weightDecay: 0.02) { GlobalClipNorm = 2 },
        new RMSprop(0.004, rho: 0.8, momentum: 0.5, centered: true) { ClipValue = 0.5 },
        new Adagrad(0.05, initialAccumulatorValue: 0.2),
        new Nadam(0.006, beta2: 0.99),
    ];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void OptimizerConfigRoundTrip_KeepsEveryKey(Optimizer optimizer)
    {
        var copy = OptimizerRegistry.Deserialize(OptimizerRegistry.Serialize(optimizer));

        Assert.Equal(optimizer.GetType(), copy.GetType());
        Assert.True(JsonNode.DeepEquals(optimizer.GetConfig(), copy.GetConfig()), $"{optimizer.GetConfig().ToJsonString()}\n{copy.GetConfig().ToJsonString()}");
    }

    public static TheoryData<Loss> Losses() =>
    [
        new SparseCategoricalCrossentropy(),
        new SparseCategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.1),
        new CategoricalCrossentropy(labelSmoothing: 0.2),
        new BinaryCrossentropy(fromLogits: true),
        new MeanSquaredError(reduction: "sum"),
        new MeanAbsoluteError(),
        new Huber(delta: 2),
        new KLDivergence(),
    ];

    [Theory]
    [MemberData(nameof(Losses))]
    public void LossRoundTrip_KeepsEveryKey(Loss loss)
    {
        var copy = LossRegistry.Deserialize(LossRegistry.Serialize(loss));

        Assert.Equal(loss.GetType(), copy.GetType());
        Assert.True(JsonNode.DeepEquals(loss.GetConfig(), copy.GetConfig()), $"{loss.GetConfig().ToJsonString()}\n{copy.GetConfig().ToJsonString()}");
    }

    [Fact]
    public void TfKerasMetricWrappers_MapToAccuracy()
    {
        var metrics = Parse("""
            {"m": [[{"class_name": "MeanMetricWrapper", "config": {"name": "accuracy", "dtype": "float32", "fn": "sparse_categorical_accuracy"}},
                    {"class_name": "MeanMetricWrapper", "config": {"name": "iou", "dtype": "float32", "fn": "mean_io_u"}}]]}
            """)["m"];
        using var scope = new DeserializationScope();

        var names = MetricRegistry.Deserialize(metrics);

        Assert.Equal(["accuracy"], names);
        Assert.Equal(
            "Metric {\"class_name\":\"MeanMetricWrapper\",\"config\":{\"name\":\"iou\",\"dtype\":\"float32\",\"fn\":\"mean_io_u\"}} is not supported and was dropped; supported metrics: "
            + string.Join(", ", MetricFactory.Names) + ".",
            Assert.Single(scope.Warnings));
    }

    [Fact]
    public void LayerKeys_CountPerClass()
    {
        var keys = LayerKeys.Assign([new Dense(1), new ReLU(), new Dense(1), new GlobalAveragePooling2D(), new Dense(1), new MaxPooling2D()]);

        Assert.Equal(["dense", "re_lu", "dense_1", "global_average_pooling2d", "dense_2", "max_pooling2d"], keys.Select(k => k.Key));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A user-defined layer: multiplies by two.</summary>
    private sealed class Doubling(string? name = null) : Layer(name)
    {
        public static Doubling FromConfig(JsonObject config) => new(config["name"]?.ToString());

        public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

        protected override TorchSharp.torch.Tensor CallCore(TorchSharp.torch.Tensor inputs, bool training) => inputs * 2;
    }
}
