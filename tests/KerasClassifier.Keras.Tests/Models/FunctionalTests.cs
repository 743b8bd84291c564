using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Models;

public class FunctionalTests
{
    public FunctionalTests()
    {
        KerasBackend.SetRandomSeed(7);
    }

    [Fact]
    public void Input_HasNoneBatchAxis()
    {
        var input = Keras.Input([28, 28, 1], name: "pixels");

        Assert.Equal("(None, 28, 28, 1)", input.Shape.ToString());
        Assert.Equal("pixels", input.Name);
        Assert.IsType<InputLayer>(input.Layer);
    }

    [Fact]
    public void Chain_MatchesSequentialWithSameLayers()
    {
        var hidden = new Dense(8, activation: "relu");
        var head = new Dense(3, activation: "softmax");
        var sequential = new Sequential([new InputLayer([4]), hidden, head]);
        var inputs = Keras.Input([4]);
        var functional = new Functional(inputs, head.Apply(hidden.Apply(inputs)));
        var x = RandomArrays.Uniform(1, 5, 4);

        var expected = sequential.Predict(x);
        var actual = functional.Predict(x);

        RandomArrays.AssertClose(expected, actual, 1e-6);
        Assert.Equal(sequential.CountParams(), functional.CountParams());
    }

    [Fact]
    public void Layers_FollowKerasOperationsOrder()
    {
        var inputs = Keras.Input([4], name: "in");
        var second = new Dense(3, name: "second").Apply(inputs);
        var first = new Dense(3, name: "first").Apply(inputs);
        var deep = new Dense(3, name: "deep").Apply(new Dense(3, name: "deeper").Apply(inputs));
        var sum = new Add(name: "sum").Apply([first, second, deep]);
        var model = new Functional(inputs, new Dense(2, name: "out").Apply(sum));

        var names = model.Layers.Select(l => l.Name).ToArray();

        // Deepest first; ties in the order a walk from the output meets them through the Add's arguments.
        Assert.Equal(["in", "deeper", "first", "second", "deep", "sum", "out"], names);
    }

    [Fact]
    public void SharedLayer_IsListedOnceAndReused()
    {
        var shared = new Dense(2, name: "shared");
        var left = Keras.Input([3], name: "left");
        var right = Keras.Input([3], name: "right");
        var model = new Functional([left, right], new Concatenate(name: "joined").Apply([shared.Apply(left), shared.Apply(right)]));
        var a = RandomArrays.Uniform(2, 4, 3);
        var b = RandomArrays.Uniform(3, 4, 3);

        var both = model.Predict([a, b]);
        var alone = new Functional(left, shared.Apply(left)).Predict(a);

        Assert.Single(model.Layers, l => l.Name == "shared");
        Assert.Equal(8, model.CountParams());
        Assert.Equal([4, 4], both.Shape);
        for (var row = 0; row < 4; row++)
        {
            Assert.Equal(alone[row, 0], both[row, 0], 5);
            Assert.Equal(alone[row, 1], both[row, 1], 5);
        }
    }

    [Fact]
    public void NestedModel_ActsAsLayer()
    {
        var innerInput = Keras.Input([4], name: "inner_in");
        var inner = new Functional(innerInput, new Dense(3, activation: "tanh", name: "inner_dense").Apply(innerInput), name: "inner");
        var outerInput = Keras.Input([4], name: "outer_in");
        var outer = new Functional(outerInput, new Dense(2, name: "outer_dense").Apply(inner.Apply(outerInput)), name: "outer");
        var x = RandomArrays.Uniform(4, 6, 4);

        var innerOutput = inner.Predict(x);
        var outerOutput = outer.Predict(x);

        Assert.Contains(inner, outer.Layers);
        Assert.Equal(15 + 8, outer.CountParams());
        Assert.Equal([6, 3], innerOutput.Shape);
        Assert.Equal([6, 2], outerOutput.Shape);
    }

    [Fact]
    public void DisconnectedOutput_IsRejectedNamingLayer()
    {
        var used = Keras.Input([3], name: "used");
        var missing = Keras.Input([3], name: "missing");
        var sum = new Add(name: "needs_both").Apply([used, missing]);

        var error = Assert.Throws<ArgumentException>(() => new Functional(used, sum));

        Assert.Contains("Graph disconnected", error.Message);
        Assert.Contains("needs_both", error.Message);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void DuplicateLayerName_IsRejectedNamingIt()
    {
        var inputs = Keras.Input([3]);
        var x = new Dense(3, name: "twin").Apply(inputs);
        var y = new Dense(3, name: "twin").Apply(x);

        var error = Assert.Throws<ArgumentException>(() => new Functional(inputs, y));

        Assert.Contains("\"twin\" is used 2 times", error.Message);
    }

    [Fact]
    public void Summary_ShowsConnectedToForBranches()
    {
        var inputs = Keras.Input([4], name: "features");
        var a = new Dense(3, name: "branch_a").Apply(inputs);
        var b = new Dense(3, name: "branch_b").Apply(inputs);
        var model = new Functional(inputs, new Add(name: "merge").Apply([a, b]), name: "branches");

        var summary = model.Summary();

        Assert.Contains("Connected to", summary);
        Assert.Contains("features (InputLayer)", summary);
        Assert.Contains("branch_a[0][0],", summary);
        Assert.Contains("branch_b[0][0]", summary);
        Assert.Contains("features[0][0]", summary);
        Assert.Contains("Total params: 30", summary);
    }

    [Fact]
    public void Summary_OmitsConnectedToForChain()
    {
        var inputs = Keras.Input([4]);
        var model = new Functional(inputs, new Dense(2).Apply(inputs));

        Assert.DoesNotContain("Connected to", model.Summary());
    }

    [Fact]
    public void Fit_SingleInputReducesLoss()
    {
        var inputs = Keras.Input([2]);
        var hidden = new Dense(16, activation: "relu").Apply(inputs);
        var model = new Functional(inputs, new Dense(2, activation: "softmax").Apply(hidden));
        model.Compile(new Adam(0.05), new SparseCategoricalCrossentropy(), ["accuracy"]);
        var x = RandomArrays.Uniform(5, 64, 2);
        var y = Enumerable.Range(0, 64).Select(i => x[i, 0] > 0 ? 1 : 0).ToArray();

        var history = model.Fit(x, y, batchSize: 16, epochs: 15, seed: 1);

        Assert.True(history.Values["loss"][^1] < history.Values["loss"][0] * 0.5);
        Assert.True(model.Evaluate(x, y)["accuracy"] > 0.9);
    }

    [Fact]
    public void Fit_SeveralInputsAndOutputs()
    {
        var left = Keras.Input([3], name: "left");
        var right = Keras.Input([2], name: "right");
        var joined = new Concatenate().Apply([left, right]);
        var sum = new Dense(1, name: "sum_out").Apply(joined);
        var classes = new Dense(2, activation: "softmax", name: "class_out").Apply(joined);
        var model = new Functional([left, right], [sum, classes]);
        model.Compile(new Adam(0.05), [new MeanSquaredError(), new SparseCategoricalCrossentropy()], [1.0, 0.5], ["accuracy"]);
        var a = RandomArrays.Uniform(6, 32, 3);
        var b = RandomArrays.Uniform(7, 32, 2);
        var target = new NDArray(Enumerable.Range(0, 32).Select(i => a[i, 0] + b[i, 1]).ToArray(), 32, 1);
        var labels = new NDArray(Enumerable.Range(0, 32).Select(i => a[i, 1] > 0 ? 1f : 0f).ToArray(), 32);

        var history = model.Fit([a, b], [target, labels], batchSize: 8, epochs: 10, seed: 2);
        var predictions = model.PredictMultiOutput([a, b]);

        Assert.Contains("sum_out_loss", history.Values.Keys);
        Assert.Contains("class_out_loss", history.Values.Keys);
        Assert.Contains("class_out_accuracy", history.Values.Keys);
        var total = history.Values["loss"][^1];
        var parts = history.Values["sum_out_loss"][^1] + 0.5 * history.Values["class_out_loss"][^1];
        Assert.Equal(parts, total, 3);
        Assert.True(history.Values["sum_out_loss"][^1] < history.Values["sum_out_loss"][0]);
        Assert.Equal([32, 1], predictions[0].Shape);
        Assert.Equal([32, 2], predictions[1].Shape);
    }

    [Fact]
    public void Fit_WrongInputCountNamesModel()
    {
        var left = Keras.Input([3]);
        var right = Keras.Input([3]);
        var model = new Functional([left, right], new Add().Apply([left, right]), name: "pair");
        model.Compile("sgd", "mse");

        var error = Assert.Throws<ArgumentException>(() => model.Fit(RandomArrays.Uniform(1, 4, 3), new NDArray(new float[12], 4, 3)));

        Assert.Contains("\"pair\" expects 2 input", error.Message);
    }

    [Fact]
    public void Apply_WrongRankNamesLayerAndShapes()
    {
        var inputs = Keras.Input([4]);

        var error = Assert.Throws<ArgumentException>(() => new Conv2D(2, 3, name: "conv_wrong").Apply(inputs));

        Assert.Contains("\"conv_wrong\"", error.Message);
        Assert.Contains("expected ndim=4", error.Message);
        Assert.Contains("(None, 4)", error.Message);
    }

    [Fact]
    public void Apply_WrongSizeNamesBothShapes()
    {
        var dense = new Dense(2, name: "sized");
        dense.Apply(Keras.Input([4]));

        var error = Assert.Throws<ArgumentException>(() => dense.Apply(Keras.Input([5])));

        Assert.Contains("\"sized\"", error.Message);
        Assert.Contains("(None, 4)", error.Message);
        Assert.Contains("(None, 5)", error.Message);
    }

    [Fact]
    public void MergeLayer_OnSingleTensorIsRejected()
    {
        var inputs = Keras.Input([4]);

        var error = Assert.Throws<ArgumentException>(() => new Add(name: "lonely").Apply(inputs));

        Assert.Contains("\"lonely\"", error.Message);
        Assert.Contains("list of inputs", error.Message);
    }

    [Fact]
    public void FrozenNestedModel_KeepsWeightsAndStatistics()
    {
        var backboneInput = Keras.Input([4], name: "backbone_in");
        var normalized = new BatchNormalization(name: "backbone_bn").Apply(new Dense(4, name: "backbone_dense").Apply(backboneInput));
        var backbone = new Functional(backboneInput, normalized, name: "backbone");
        backbone.Trainable = false;
        var inputs = Keras.Input([4], name: "images");
        var model = new Functional(inputs, new Dense(2, activation: "softmax", name: "head").Apply(backbone.Apply(inputs)));
        model.Compile(new Adam(0.1), new SparseCategoricalCrossentropy());
        var before = backbone.Weights.Select(w => w.GetValue()).ToArray();

        model.Fit(RandomArrays.Uniform(12, 16, 4), RandomArrays.Labels(12, 16, 2), batchSize: 8, epochs: 2);

        Assert.False(backbone.GetLayer("backbone_bn").Trainable);
        Assert.Equal(2, model.TrainableWeights.Count);
        for (var i = 0; i < before.Length; i++)
        {
            Assert.Equal(before[i], backbone.Weights[i].GetValue());
        }
    }
}
