using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.Hdf5;
using PureHDF;

namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>
/// Writes weight files in the layout of those that Keras's applications download: Keras 2's
/// weights-only HDF5 (root attributes <c>layer_names</c>, <c>backend</c>, <c>keras_version</c>; one
/// group per layer with <c>weight_names</c> such as <c>Conv1/kernel:0</c>; the dataset at
/// <c>Conv1/Conv1/kernel:0</c>), kernels in Keras's (height, width, in, out) layout.
/// </summary>
/// <remarks>
/// The layer lists restate keras-applications' <c>mobilenet_v2.py</c>, <c>resnet_common.py</c> and
/// the older <c>resnet50.py</c> independently of the library's models, weightless layers included,
/// so that a difference in a layer name or shape makes loading fail. Every weight gets its own
/// deterministic values from <see cref="Values"/>.
/// </remarks>
internal static class KerasApplicationFiles
{
    /// <summary>Builds the MobileNetV2 layers of the file for one alpha.</summary>
    /// <param name="alpha">The width multiplier.</param>
    /// <param name="includeTop">Whether to add the classifier, named <c>Logits</c> as in Keras's files.</param>
    /// <param name="classes">The classifier's classes.</param>
    /// <returns>The layers in model order.</returns>
    public static List<FileLayer> MobileNetV2(double alpha, bool includeTop, int classes = 1000)
    {
        var layers = new List<FileLayer> { Weightless("input_1"), Weightless("Conv1_pad") };
        var channels = MakeDivisible(32 * alpha);
        layers.Add(Convolution("Conv1", 3, 3, channels, bias: false));
        layers.Add(BatchNormalization("bn_Conv1", channels));
        layers.Add(Weightless("Conv1_relu"));

        (int Filters, int Stride, int Expansion)[] blocks =
        [
            (16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6), (64, 2, 6), (64, 1, 6), (64, 1, 6), (64, 1, 6),
            (96, 1, 6), (96, 1, 6), (96, 1, 6), (160, 2, 6), (160, 1, 6), (160, 1, 6), (320, 1, 6),
        ];
        for (var id = 0; id < blocks.Length; id++)
        {
            var (filters, stride, expansion) = blocks[id];
            var prefix = id == 0 ? "expanded_conv_" : $"block_{id}_";
            var inputs = channels;
            var width = inputs;
            if (id > 0)
            {
                width = expansion * inputs;
                layers.Add(Convolution(prefix + "expand", 1, inputs, width, bias: false));
                layers.Add(BatchNormalization(prefix + "expand_BN", width));
                layers.Add(Weightless(prefix + "expand_relu"));
            }

            if (stride == 2)
            {
                layers.Add(Weightless(prefix + "pad"));
            }

            layers.Add(new FileLayer(prefix + "depthwise", prefix + "depthwise", [new FileWeight("depthwise_kernel", [3, 3, width, 1])]));
            layers.Add(BatchNormalization(prefix + "depthwise_BN", width));
            layers.Add(Weightless(prefix + "depthwise_relu"));

            channels = MakeDivisible((int)(filters * alpha));
            layers.Add(Convolution(prefix + "project", 1, width, channels, bias: false));
            layers.Add(BatchNormalization(prefix + "project_BN", channels));
            if (inputs == channels && stride == 1)
            {
                layers.Add(Weightless(prefix + "add"));
            }
        }

        var last = alpha > 1.0 ? MakeDivisible(1280 * alpha) : 1280;
        layers.Add(Convolution("Conv_1", 1, channels, last, bias: false));
        layers.Add(BatchNormalization("Conv_1_bn", last));
        layers.Add(Weightless("out_relu"));
        if (includeTop)
        {
            layers.Add(Weightless("global_average_pooling2d_1"));
            layers.Add(Dense("Logits", last, classes));
        }

        return layers;
    }

    /// <summary>Builds the ResNet50 layers of the file.</summary>
    /// <param name="includeTop">Whether to add the 1000-class classifier.</param>
    /// <param name="legacyNames">Whether to use the names of the files that Keras 2.2 and older downloaded (<c>res2a_branch2a</c>, <c>fc1000</c>) instead of <c>resnet_common</c>'s (<c>conv2_block1_1_conv</c>, <c>probs</c>).</param>
    /// <returns>The layers in model order; <see cref="FileLayer.ModelName"/> holds the Keras 3 name.</returns>
    public static List<FileLayer> ResNet50(bool includeTop, bool legacyNames = false)
    {
        var layers = new List<FileLayer> { Weightless("input_1"), Weightless("conv1_pad") };
        layers.Add(Convolution("conv1_conv", 7, 3, 64, bias: true) with { Name = legacyNames ? "conv1" : "conv1_conv" });
        layers.Add(BatchNormalization("conv1_bn", 64) with { Name = legacyNames ? "bn_conv1" : "conv1_bn" });
        layers.Add(Weightless("conv1_relu"));
        layers.Add(Weightless("pool1_pad"));
        layers.Add(Weightless("pool1_pool"));

        var channels = 64;
        (int Filters, int Blocks)[] stages = [(64, 3), (128, 4), (256, 6), (512, 3)];
        for (var stage = 0; stage < stages.Length; stage++)
        {
            var (filters, blockCount) = stages[stage];
            for (var block = 1; block <= blockCount; block++)
            {
                var name = $"conv{stage + 2}_block{block}";
                var legacy = $"{stage + 2}{(char)('a' + block - 1)}_branch";
                if (block == 1)
                {
                    layers.Add(Convolution($"{name}_0_conv", 1, channels, 4 * filters, bias: true) with { Name = legacyNames ? $"res{legacy}1" : $"{name}_0_conv" });
                    layers.Add(BatchNormalization($"{name}_0_bn", 4 * filters) with { Name = legacyNames ? $"bn{legacy}1" : $"{name}_0_bn" });
                }

                int[] kernels = [1, 3, 1];
                int[] outputs = [filters, filters, 4 * filters];
                var inputs = channels;
                for (var i = 0; i < 3; i++)
                {
                    var branch = $"2{(char)('a' + i)}";
                    layers.Add(Convolution($"{name}_{i + 1}_conv", kernels[i], inputs, outputs[i], bias: true) with { Name = legacyNames ? $"res{legacy}{branch}" : $"{name}_{i + 1}_conv" });
                    layers.Add(BatchNormalization($"{name}_{i + 1}_bn", outputs[i]) with { Name = legacyNames ? $"bn{legacy}{branch}" : $"{name}_{i + 1}_bn" });
                    if (i < 2)
                    {
                        layers.Add(Weightless($"{name}_{i + 1}_relu"));
                    }

                    inputs = outputs[i];
                }

                layers.Add(Weightless($"{name}_add"));
                layers.Add(Weightless($"{name}_out"));
                channels = 4 * filters;
            }
        }

        if (includeTop)
        {
            layers.Add(Weightless("avg_pool"));
            layers.Add(Dense(legacyNames ? "fc1000" : "probs", 2048, 1000));
        }

        return layers;
    }

    /// <summary>Writes the layers as a weights-only file, as Keras 2.2.4 with h5py did (variable-length strings).</summary>
    /// <param name="path">The file to create.</param>
    /// <param name="layers">The layers; each weight gets <see cref="Values"/>.</param>
    /// <param name="underModelWeights">Whether to place the weights under <c>/model_weights</c> with a <c>model_config</c>, as in a full-model file.</param>
    public static void Write(string path, IReadOnlyList<FileLayer> layers, bool underModelWeights = false)
    {
        var file = new H5File();
        H5Group group = file;
        if (underModelWeights)
        {
            file.Attributes["model_config"] = """{"class_name": "Model", "config": {"name": "keras_application", "layers": []}}""";
            file.Attributes["backend"] = "tensorflow";
            file.Attributes["keras_version"] = "2.2.4";
            group = Hdf5Writing.Group(file, "model_weights");
        }

        group.Attributes["backend"] = "tensorflow";
        group.Attributes["keras_version"] = "2.2.4";
        Hdf5Writing.SetStringList(group, "layer_names", layers.Select(l => l.Name).ToArray());
        foreach (var layer in layers)
        {
            var layerGroup = Hdf5Writing.Group(group, layer.Name);
            var weightNames = layer.Weights.Select(w => $"{layer.Name}/{w.Name}:0").ToArray();
            Hdf5Writing.SetStringList(layerGroup, "weight_names", weightNames);
            for (var i = 0; i < weightNames.Length; i++)
            {
                var weight = layer.Weights[i];
                Hdf5Writing.AddDataset(layerGroup, weightNames[i], Values(layer.ModelName, weight.Name, weight.Count), weight.Shape);
            }
        }

        file.Write(path);
    }

    /// <summary>Asserts that every variable of the model contains the values that <see cref="Write"/> stored for it, and that no layer with weights was left out.</summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="layers">The layers the file was written from.</param>
    public static void AssertLoaded(Model model, IReadOnlyList<FileLayer> layers)
    {
        var withWeights = layers.Where(l => l.Weights.Length > 0).ToArray();
        Assert.Equal(withWeights.Length, model.Layers.Count(l => l.Weights.Count > 0));
        foreach (var fileLayer in withWeights)
        {
            var layer = model.GetLayer(fileLayer.ModelName);
            Assert.Equal(fileLayer.Weights.Length, layer.Weights.Count);
            foreach (var weight in fileLayer.Weights)
            {
                var variable = layer.Weights.Single(v => v.Name == weight.Name);
                Assert.Equal(weight.Shape, variable.Shape);
                var expected = Values(fileLayer.ModelName, weight.Name, weight.Count);
                var actual = variable.GetValue();
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"Variable '{fileLayer.ModelName}/{weight.Name}' differs from the file's '{fileLayer.Name}/{weight.Name}:0'.");
            }
        }
    }

    /// <summary>Returns the deterministic values of one weight: distinct for every layer and weight name, and positive for variances.</summary>
    /// <param name="layerName">The Keras 3 layer name, so that both naming generations get the same values.</param>
    /// <param name="weightName">The weight, e.g. <c>kernel</c>.</param>
    /// <param name="count">The number of values.</param>
    /// <returns>The values.</returns>
    public static float[] Values(string layerName, string weightName, int count)
    {
        var seed = 17;
        foreach (var c in layerName + "/" + weightName)
        {
            seed = unchecked((seed * 31) + c);
        }

        var offset = (seed & 0x7fffffff) % 1009;
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            var value = (float)(((offset + (i * 37)) % 1013) / 1013.0) - 0.5f;
            values[i] = weightName == "moving_variance" ? value + 1f : value;
        }

        return values;
    }

    private static FileLayer Weightless(string name) => new(name, name, []);

    private static FileLayer Convolution(string name, int kernel, int inputs, int filters, bool bias) =>
        new(name, name, bias ? [new("kernel", [kernel, kernel, inputs, filters]), new("bias", [filters])] : [new("kernel", [kernel, kernel, inputs, filters])]);

    private static FileLayer BatchNormalization(string name, int channels) =>
        new(name, name, [new("gamma", [channels]), new("beta", [channels]), new("moving_mean", [channels]), new("moving_variance", [channels])]);

    private static FileLayer Dense(string name, int inputs, int units) =>
        new(name, "predictions", [new("kernel", [inputs, units]), new("bias", [units])]);

    /// <summary>Keras's <c>_make_divisible</c>: the nearest multiple of 8, at least 8, and never more than 10% below the value.</summary>
    private static int MakeDivisible(double value)
    {
        var rounded = Math.Max(8, (int)(value + 4) / 8 * 8);
        return rounded < 0.9 * value ? rounded + 8 : rounded;
    }

    /// <summary>One layer of a weight file.</summary>
    /// <param name="Name">The name in the file.</param>
    /// <param name="ModelName">The name of the same layer in Keras 3's application (and this library's).</param>
    /// <param name="Weights">The weights in Keras's order.</param>
    internal sealed record FileLayer(string Name, string ModelName, FileWeight[] Weights);

    /// <summary>One weight of a layer.</summary>
    /// <param name="Name">The variable name, e.g. <c>depthwise_kernel</c>.</param>
    /// <param name="Shape">The shape in Keras's layout.</param>
    internal sealed record FileWeight(string Name, int[] Shape)
    {
        public int Count => Shape.Aggregate(1, (a, b) => a * b);
    }
}
