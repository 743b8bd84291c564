using System.Text.Json.Nodes;
using Google.Protobuf;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Saving.SavedModel;
using KerasClassifier.Keras.Saving.SavedModel.Protos;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

/// <summary>
/// Tests on a folder laid out as TF 1.x's <c>tf.keras.experimental.export_saved_model</c> writes it:
/// a meta graph without an object graph, the model JSON in <c>assets/saved_model.json</c>, and an
/// object-based checkpoint whose layers have no <c>variables</c> lists.
/// </summary>
public sealed class Tf1ExportTests : IDisposable
{
    private const string ModelJson = """
        {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
          {"class_name": "Dense", "config": {"name": "dense", "units": 2, "activation": "softmax", "use_bias": true, "batch_input_shape": [null, 3]}}]},
         "keras_version": "2.2.4-tf", "backend": "tensorflow"}
        """;

    private static readonly float[] Kernel = [0.1f, -0.2f, 0.3f, -0.4f, 0.5f, -0.6f];
    private static readonly float[] Bias = [0.01f, -0.02f];

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Read_AssetsJsonFolder()
    {
        var folder = WriteFolder();

        var contents = SavedModelReader.Read(folder);

        Assert.Equal(ArchitectureSource.AssetsJson, contents.ArchitectureSource);
        Assert.Equal("Sequential", contents.ModelClassName);
        Assert.Equal("2.2.4-tf", contents.KerasVersion);
        Assert.Equal("1.15.0", contents.TensorFlowVersion);
        Assert.Equal(new Shape(null, 3), contents.BuildInputShape);
        Assert.True(contents.IsRebuildable);
        var layer = Assert.Single(contents.Layers);
        Assert.Equal("dense", layer.Name);
        Assert.Equal("Dense", layer.ClassName);
        Assert.Equal(["kernel", "bias"], layer.Weights.Select(w => w.Name));
        Assert.Equal(Kernel, layer.Weights[0].ToFloat32Array());
        Assert.Equal([3, 2], layer.Weights[0].Shape);
    }

    [Fact]
    public void Read_LegacySgdSlots()
    {
        var folder = WriteFolder();

        var state = SavedModelReader.Read(folder).OptimizerState!;

        Assert.Equal("SGD", state.ClassName);
        Assert.Equal(OptimizerLayout.Legacy, state.Layout);
        Assert.Equal(7, state.Iterations);
        Assert.Null(state.LearningRate);
        Assert.Equal(["kernel", "bias"], state.Slots.Select(s => s.WeightName));
        Assert.All(state.Slots, s => Assert.Equal("momentum", s.SlotName));
        Assert.Equal(Bias.Select(b => b * 10), state.Slots[1].Value.ToFloat32Array());
    }

    [Fact]
    public void LoadModel_AssetsJsonFolder()
    {
        var folder = WriteFolder();

        var model = SavedModelLoader.LoadModel(folder, ConfigModelFactory.BuildSequential);
        var output = model.Predict(new NDArray([1f, 0f, 0f], 1, 3));

        // With input (1, 0, 0) the logits are the kernel's first row plus the bias.
        var logits = new[] { Kernel[0] + Bias[0], Kernel[1] + Bias[1] };
        var expected = Math.Exp(logits[0]) / (Math.Exp(logits[0]) + Math.Exp(logits[1]));
        Assert.Equal(expected, output.Data[0], 5);
        Assert.False(model.Compiled);
    }

    [Fact]
    public void Read_NestedModelListsInnerWeights()
    {
        const string json = """
            {"class_name": "Sequential", "config": {"name": "outer", "layers": [
              {"class_name": "Sequential", "config": {"name": "inner", "layers": [
                {"class_name": "Dense", "config": {"name": "dense_a", "units": 2}},
                {"class_name": "Dense", "config": {"name": "dense_b", "units": 1}}]}},
              {"class_name": "Dense", "config": {"name": "head", "units": 1}}]}}
            """;
        var folder = Path.Combine(temp.Path, "nested");
        Directory.CreateDirectory(Path.Combine(folder, "assets"));
        File.WriteAllText(Path.Combine(folder, "assets", "saved_model.json"), json);
        var savedModel = new SavedModelProto();
        savedModel.MetaGraphs.Add(new MetaGraphDef());
        File.WriteAllBytes(Path.Combine(folder, "saved_model.pb"), savedModel.ToByteArray());

        // Node 1 is the inner model; its layers are nodes 2 and 3, and node 4 is the outer head.
        var graph = new TrackableObjectGraph();
        graph.Nodes.Add(Node(("layer_with_weights-0", 1), ("layer-0", 1), ("layer-1", 4)));
        graph.Nodes.Add(Node(("layer-0", 2), ("layer-1", 3)));
        graph.Nodes.Add(Node(("kernel", 5)));
        graph.Nodes.Add(Node(("kernel", 6)));
        graph.Nodes.Add(Node(("kernel", 7)));
        graph.Nodes.Add(Variable("outer/inner/dense_a/kernel", "k/a"));
        graph.Nodes.Add(Variable("outer/inner/dense_b/kernel", "k/b"));
        graph.Nodes.Add(Variable("outer/head/kernel", "k/head"));
        var bundle = new BundleFileWriter();
        bundle.AddFloats("k/a", [1, 2], [1f, 2f]);
        bundle.AddFloats("k/b", [2, 1], [3f, 4f]);
        bundle.AddFloats("k/head", [1, 1], [5f]);
        bundle.AddStrings(TensorBundleReader.ObjectGraphKey, [], graph.ToByteArray());
        bundle.Write(Path.Combine(folder, "variables", "variables"));

        var contents = SavedModelReader.Read(folder);

        Assert.Equal(["inner", "head"], contents.Layers.Select(l => l.Name));
        Assert.Equal(["Sequential", "Dense"], contents.Layers.Select(l => l.ClassName));
        Assert.Equal(["k/a", "k/b"], contents.Layers[0].Weights.Select(w => w.CheckpointKey));
        Assert.Equal([5f], contents.Layers[1].Weights[0].ToFloat32Array());
        Assert.Null(contents.OptimizerState);
    }

    [Fact]
    public void LoadModel_RestoresSgdMomentum()
    {
        var folder = WriteFolder(TrainingConfig("\"mse\"", """{"class_name": "SGD", "config": {"learning_rate": 0.05, "momentum": 0.9, "nesterov": false, "decay": 0.0}}"""));

        var model = SavedModelLoader.LoadModel(folder, ConfigModelFactory.BuildSequential);

        var optimizer = Assert.IsType<SGD>(model.Optimizer);
        Assert.Equal(0.9, optimizer.Momentum, 6);
        Assert.Equal(0.05, optimizer.LearningRate, 6);
        Assert.Equal(7, optimizer.Iterations);
        var kernel = model.Layers[0].Weights[0];
        Assert.Equal(Kernel.Select(k => k * 10), optimizer.SlotsOf(kernel).Single().GetValue());
    }

    [Theory]
    [InlineData("\"cosine_similarity\"", """{"class_name": "SGD", "config": {"learning_rate": 0.05}}""", "cosine_similarity")]
    [InlineData("\"mse\"", """{"class_name": "SGD", "config": {"learning_rate": 0.05, "decay": 0.01}}""", "decay")]
    [InlineData("\"mse\"", """{"class_name": "Ftrl", "config": {"learning_rate": 0.05}}""", "Ftrl")]
    [InlineData("\"mse\"", """{"class_name": "SGD", "config": {"learning_rate": {"class_name": "ExponentialDecay", "config": {}}}}""", "schedule")]
    [InlineData("""{"class_name": "MeanSquaredError", "config": {"reduction": "sum"}}""", """{"class_name": "SGD", "config": {"learning_rate": 0.05}}""", "reduction 'sum'")]
    public void LoadModel_UnsupportedTrainingConfig(string loss, string optimizer, string named)
    {
        var folder = WriteFolder(TrainingConfig(loss, optimizer));

        var error = Assert.Throws<NotSupportedException>(() => SavedModelLoader.LoadModel(folder, ConfigModelFactory.BuildSequential));
        var model = SavedModelLoader.LoadModel(folder, ConfigModelFactory.BuildSequential, compile: false);

        Assert.Contains(named, error.Message);
        Assert.Contains("compile: false", error.Message);
        Assert.False(model.Compiled);
    }

    private static string TrainingConfig(string loss, string optimizer) =>
        $$"""{"loss": {{loss}}, "metrics": [], "optimizer_config": {{optimizer}}}""";

    private string WriteFolder(string? trainingConfig = null)
    {
        var folder = Path.Combine(temp.Path, "export");
        Directory.CreateDirectory(Path.Combine(folder, "assets"));
        var modelJson = JsonNode.Parse(ModelJson)!.AsObject();
        if (trainingConfig is not null)
        {
            modelJson["training_config"] = JsonNode.Parse(trainingConfig);
        }

        File.WriteAllText(Path.Combine(folder, "assets", "saved_model.json"), modelJson.ToJsonString());

        var savedModel = new SavedModelProto { SavedModelSchemaVersion = 1 };
        savedModel.MetaGraphs.Add(new MetaGraphDef { MetaInfoDef = new MetaInfoDef { Tags = { "serve" }, TensorflowVersion = "1.15.0" } });
        File.WriteAllBytes(Path.Combine(folder, "saved_model.pb"), savedModel.ToByteArray());

        const string kernelKey = "layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE";
        const string biasKey = "layer_with_weights-0/bias/.ATTRIBUTES/VARIABLE_VALUE";
        const string iterKey = "optimizer/iter/.ATTRIBUTES/VARIABLE_VALUE";
        const string kernelSlotKey = "layer_with_weights-0/kernel/.OPTIMIZER_SLOT/optimizer/momentum/.ATTRIBUTES/VARIABLE_VALUE";
        const string biasSlotKey = "layer_with_weights-0/bias/.OPTIMIZER_SLOT/optimizer/momentum/.ATTRIBUTES/VARIABLE_VALUE";

        var graph = new TrackableObjectGraph();
        graph.Nodes.Add(Node(("layer-0", 1), ("layer_with_weights-0", 1), ("optimizer", 4)));
        graph.Nodes.Add(Node(("kernel", 2), ("bias", 3)));
        graph.Nodes.Add(Variable("dense/kernel", kernelKey));
        graph.Nodes.Add(Variable("dense/bias", biasKey));
        var optimizer = Node(("iter", 5));
        optimizer.SlotVariables.Add(new SlotVariableReference { OriginalVariableNodeId = 2, SlotName = "momentum", SlotVariableNodeId = 6 });
        optimizer.SlotVariables.Add(new SlotVariableReference { OriginalVariableNodeId = 3, SlotName = "momentum", SlotVariableNodeId = 7 });
        graph.Nodes.Add(optimizer);
        graph.Nodes.Add(Variable("SGD/iter", iterKey));
        graph.Nodes.Add(Variable("dense/kernel/momentum", kernelSlotKey));
        graph.Nodes.Add(Variable("dense/bias/momentum", biasSlotKey));

        var bundle = new BundleFileWriter();
        bundle.AddFloats(kernelKey, [3, 2], Kernel);
        bundle.AddFloats(biasKey, [2], Bias);
        bundle.Add(iterKey, DataType.DtInt64, [], BitConverter.GetBytes(7L));
        bundle.AddFloats(kernelSlotKey, [3, 2], Kernel.Select(k => k * 10).ToArray());
        bundle.AddFloats(biasSlotKey, [2], Bias.Select(b => b * 10).ToArray());
        bundle.AddStrings(TensorBundleReader.ObjectGraphKey, [], graph.ToByteArray());
        bundle.Write(Path.Combine(folder, "variables", "variables"));
        return folder;
    }

    private static TrackableObject Node(params (string Name, int Id)[] children)
    {
        var node = new TrackableObject();
        node.Children.AddRange(children.Select(c => new ObjectReference { LocalName = c.Name, NodeId = c.Id }));
        return node;
    }

    private static TrackableObject Variable(string fullName, string key)
    {
        var node = new TrackableObject();
        node.Attributes.Add(new SerializedTensor { Name = "VARIABLE_VALUE", FullName = fullName, CheckpointKey = key });
        return node;
    }
}
