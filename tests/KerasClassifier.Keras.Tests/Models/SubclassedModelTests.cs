using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Initializers;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Tests.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Tests.Models;

public class SubclassedModelTests
{
    public SubclassedModelTests()
    {
        KerasBackend.SetRandomSeed(11);
    }

    [Fact]
    public void SubclassedModel_ListsFieldLayersAndTrains()
    {
        var model = new TwoLayerModel();
        model.Compile(new Adam(0.05), new SparseCategoricalCrossentropy(), ["accuracy"]);
        var x = RandomArrays.Uniform(3, 48, 2);
        var y = Enumerable.Range(0, 48).Select(i => x[i, 1] > 0 ? 1 : 0).ToArray();

        var history = model.Fit(x, y, batchSize: 16, epochs: 12, seed: 3);

        Assert.Equal(["hidden", "head"], model.Layers.Select(l => l.Name));
        Assert.Equal(3 * 8 + 9 * 2, model.CountParams());
        Assert.True(history.Values["loss"][^1] < history.Values["loss"][0]);
        Assert.Equal([48, 2], model.Predict(x).Shape);
    }

    [Fact]
    public void CustomLayer_TrainsInFunctionalModel()
    {
        var inputs = Keras.Input([3]);
        var scale = new ScaleLayer(factor: 2.0, name: "scale");
        var model = new Functional(inputs, scale.Apply(inputs));
        model.Compile(new SGD(0.1), new MeanSquaredError());
        var x = RandomArrays.Uniform(4, 16, 3);
        var target = new NDArray(x.Data.Select(v => v * 3).ToArray(), 16, 3);
        var before = scale.Weights[0].GetValue();

        model.Fit(x, target, batchSize: 16, epochs: 20, shuffle: false);
        var after = scale.Weights[0].GetValue();

        Assert.Equal([1f, 1f, 1f], before);
        Assert.All(after, w => Assert.InRange(w, 1.3f, 1.6f));
        Assert.Equal(2.0, scale.GetConfig()["factor"]!.GetValue<double>());
        Assert.Equal("(None, 3)", model.Outputs[0].Shape.ToString());
    }

    [Fact]
    public void CustomLayer_WithoutCallCoreFailsClearly()
    {
        var inputs = Keras.Input([3]);
        var model = new Functional(inputs, new EmptyLayer().Apply(inputs));

        var error = Assert.Throws<InvalidOperationException>(() => model.Predict(RandomArrays.Uniform(1, 2, 3)));

        Assert.Contains("does not override CallCore", error.Message);
    }

    [Fact]
    public void Config_RoundTripsThroughFromConfig()
    {
        var inputs = Keras.Input([4], name: "features");
        var shared = new Dense(4, name: "shared");
        var a = shared.Apply(inputs);
        var b = shared.Apply(new Dense(4, activation: "relu", name: "pre").Apply(inputs));
        var model = new Functional(inputs, new Add(name: "merge").Apply([a, b]), name: "round_trip");
        var config = model.GetConfig();

        var rebuilt = Functional.FromConfig(config, CreateLayer);

        Assert.Equal(model.Layers.Select(l => l.Name), rebuilt.Layers.Select(l => l.Name));
        Assert.Equal(config.ToJsonString(), rebuilt.GetConfig().ToJsonString());
        Assert.Equal(model.CountParams(), rebuilt.CountParams());
        var sharedEntry = config["layers"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "shared")!;
        Assert.Equal(2, sharedEntry["inbound_nodes"]!.AsArray().Count);
        Assert.Equal("[\"merge\",0,0]", config["output_layers"]!.ToJsonString());
    }

    [Fact]
    public void Config_NestedModelIndicesStartAtOne()
    {
        var innerInput = Keras.Input([2], name: "inner_in");
        var inner = new Functional(innerInput, new Dense(2, name: "inner_dense").Apply(innerInput), name: "inner_model");
        var outerInput = Keras.Input([2], name: "outer_in");
        var outer = new Functional([outerInput], [inner.Apply(outerInput)], name: "outer_model");

        var config = outer.GetConfig();

        Assert.Equal("[[\"inner_model\",1,0]]", config["output_layers"]!.ToJsonString());
        Assert.Equal("[[\"outer_in\",0,0]]", config["input_layers"]!.ToJsonString());
    }

    [Fact]
    public void Sequential_AddAndPopAfterBuildKeepGraph()
    {
        var model = new Sequential([new InputLayer([4]), new Dense(3, name: "first")]);
        model.Add(new Dense(2, name: "second"));
        var withSecond = model.Predict(RandomArrays.Uniform(1, 2, 4));
        model.Pop();
        var withoutSecond = model.Predict(RandomArrays.Uniform(1, 2, 4));

        Assert.Equal([2, 2], withSecond.Shape);
        Assert.Equal([2, 3], withoutSecond.Shape);
        Assert.Equal("(None, 3)", model.OutputShape!.ToString());
    }

    [Fact]
    public void Sequential_BuildsOnFirstBatchWithoutInputLayer()
    {
        var model = new Sequential([new Dense(3), new Dense(2, activation: "softmax")]);
        model.Compile("adam", "sparse_categorical_crossentropy", ["accuracy"]);

        model.Fit(RandomArrays.Uniform(2, 8, 5), RandomArrays.Labels(2, 8, 2), epochs: 1);

        Assert.Equal("(None, 5)", model.InputShape!.ToString());
        Assert.Equal(5 * 3 + 3 + 3 * 2 + 2, model.CountParams());
    }

    private static Layer CreateLayer(JsonObject entry)
    {
        var config = entry["config"]!.AsObject();
        var name = config["name"]!.GetValue<string>();
        return entry["class_name"]!.GetValue<string>() switch
        {
            "InputLayer" => new InputLayer(config["batch_shape"]!.AsArray().Skip(1).Select(d => d!.GetValue<int>()).ToArray(), name),
            "Dense" => new Dense(config["units"]!.GetValue<int>(), activation: config["activation"]!.GetValue<string>(), name: name),
            "Add" => Add.FromConfig(config),
            var other => throw new InvalidOperationException($"Unexpected class {other}."),
        };
    }

    private sealed class TwoLayerModel : Model
    {
        private readonly Dense hidden = new(8, activation: "relu", name: "hidden");
        private readonly Dense head = new(2, activation: "softmax", name: "head");

        protected override Tensor CallCore(Tensor inputs, bool training) => head.Apply(hidden.Apply(inputs, training), training);
    }

    private sealed class ScaleLayer : Layer
    {
        private KerasVariable? weight;

        public ScaleLayer(double factor, string? name = null)
            : base(name)
        {
            Factor = factor;
        }

        public double Factor { get; }

        public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

        public override JsonObject GetConfig()
        {
            var config = base.GetConfig();
            config["factor"] = Factor;
            return config;
        }

        protected override void BuildCore(Shape inputShape) =>
            weight = AddWeight("scale", [inputShape[-1]!.Value], Initializer.Get("ones"));

        protected override Tensor CallCore(Tensor inputs, bool training) => inputs * VariableTensor(weight!) * Factor;
    }

    private sealed class EmptyLayer : Layer
    {
        public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
    }
}
