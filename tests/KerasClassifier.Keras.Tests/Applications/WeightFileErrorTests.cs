using Google.Protobuf;
using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Saving.Onnx.Proto;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Applications;

public class WeightFileErrorTests
{
    private static string ImageNetFile => PretrainedWeights.Resolve("resnet18", "imagenet");

    [Fact]
    public void TruncatedOnnx_NamesFile()
    {
        using var folder = new TempDirectory();
        var path = folder.File("cut.onnx");
        using (var source = File.OpenRead(ImageNetFile))
        using (var target = File.Create(path))
        {
            var buffer = new byte[1 << 20];
            source.ReadExactly(buffer);
            target.Write(buffer);
        }

        var error = Assert.Throws<InvalidDataException>(() => ResNet18.Create(includeTop: false, weights: path));

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void OtherFormat_NamesFile()
    {
        using var folder = new TempDirectory();
        var path = folder.File("notes.onnx");
        File.WriteAllText(path, "this is not a model\n");

        var error = Assert.Throws<InvalidDataException>(() => ResNet18.Create(includeTop: false, weights: path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void OtherArchitecture_CountsConvs()
    {
        // A small network of another shape: one Conv + BatchNormalization + Relu.
        using var folder = new TempDirectory();
        var path = folder.File("tiny.onnx");
        var graph = new GraphProto { Name = "tiny" };
        graph.Input.Add(new ValueInfoProto { Name = "image" });
        graph.Initializer.Add(FloatTensor("w", [8, 3, 3, 3]));
        foreach (var name in new[] { "g", "b", "m", "v" })
        {
            graph.Initializer.Add(FloatTensor(name, [8]));
        }

        graph.Node.Add(Node("Conv", ["image", "w"], "c"));
        graph.Node.Add(Node("BatchNormalization", ["c", "g", "b", "m", "v"], "n"));
        graph.Node.Add(Node("Relu", ["n"], "r"));
        File.WriteAllBytes(path, new ModelProto { IrVersion = 7, Graph = graph }.ToByteArray());

        var error = Assert.Throws<InvalidDataException>(() => ResNet18.Create(includeTop: false, weights: path));

        Assert.Contains(path, error.Message);
        Assert.Contains("[2, 2, 2, 3]", error.Message);
        Assert.Contains("found 1 Conv nodes, expected 22", error.Message);
    }

    [Fact]
    public void OtherInputChannels_ShowsShapes()
    {
        // The ImageNet file rewritten for one-channel input: the stem kernel becomes (64, 1, 7, 7).
        using var folder = new TempDirectory();
        var path = folder.File("gray.onnx");
        ModelProto model;
        using (var stream = File.OpenRead(ImageNetFile))
        {
            model = ModelProto.Parser.ParseFrom(stream);
        }

        var stemWeight = model.Graph.Initializer.Single(t => t.Name == model.Graph.Node[0].Input[1]);
        var gray = stemWeight.FloatData.Take(64 * 49).ToArray();
        stemWeight.Dims[1] = 1;
        stemWeight.FloatData.Clear();
        stemWeight.FloatData.Add(gray);
        File.WriteAllBytes(path, model.ToByteArray());
        var resnet = ResNet18.Create(includeTop: false, inputShape: [64, 64, 3]);
        var before = resnet.Weights[0].GetValue();

        var error = Assert.Throws<InvalidDataException>(() => ResNet18.Create(includeTop: false, weights: path, inputShape: [64, 64, 3]));

        Assert.Contains(path, error.Message);
        Assert.Contains("(64, 1, 7, 7)", error.Message);
        Assert.Contains("conv1_conv needs (64, 3, 7, 7)", error.Message);
        Assert.Equal(before, resnet.Weights[0].GetValue());
    }

    [Fact]
    public void GrayInput_WithWeightsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ResNet18.Create(includeTop: false, weights: "imagenet", inputShape: [224, 224, 1]));

        Assert.Equal("inputShape", error.ParamName);
        Assert.Contains("3 (RGB) channels, received 1", error.Message);
    }

    [Fact]
    public void IncludeTop_WithWeightsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ResNet18.Create(includeTop: true, weights: "imagenet"));

        Assert.Equal("includeTop", error.ParamName);
    }

    [Fact]
    public void ImageNet_UnknownBackboneListsAvailable()
    {
        var error = Assert.Throws<ArgumentException>(() => PretrainedWeights.Resolve("small-cnn", "imagenet"));

        Assert.Equal("weights", error.ParamName);
        Assert.Contains("backbone 'small-cnn'", error.Message);
        Assert.Contains("available: resnet18 (imagenet)", error.Message);
    }

    [Fact]
    public void MissingWeightFile_NamesPath()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ResNet18.Create(includeTop: false, weights: "/no/such/resnet.onnx"));

        Assert.Contains("/no/such/resnet.onnx", error.Message);
    }

    private static TensorProto FloatTensor(string name, long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = 1 };
        tensor.Dims.Add(dims);
        tensor.FloatData.Add(new float[dims.Aggregate(1L, (a, b) => a * b)]);
        return tensor;
    }

    private static NodeProto Node(string opType, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = opType, Name = output + "_node" };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }
}
