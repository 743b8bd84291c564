using System.Reflection;
using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Tests.Testing;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Tests.Parity;

/// <summary>Compares each layer's forward pass with the reference outputs in Fixtures/layers.json.</summary>
public class LayerParityTests
{
    private const string File = "layers.json";

    public static IEnumerable<object[]> Cases => ParityFixtures.CaseNames(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Layer_MatchesReference(string name)
    {
        var fixture = ParityFixtures.Case(File, name);
        var inputTable = ParityFixtures.Load(File)["inputs"]!.AsObject();
        var inputs = fixture["inputs"]!.AsArray()
            .Select(key => inputTable[key!.GetValue<string>()]!.AsObject())
            .Select(i => new NDArray(ParityFixtures.Floats(i["values"]), ParityFixtures.Ints(i["shape"])))
            .ToArray();
        var layer = CreateLayer(fixture["class_name"]!.GetValue<string>(), fixture["config"]!.AsObject());

        var symbolic = inputs.Select(i => Keras.Input(i.Shape[1..])).ToArray();
        var output = symbolic.Length == 1 ? layer.Apply(symbolic[0]) : layer.Apply(symbolic);
        foreach (var weight in fixture["weights"]!.AsArray())
        {
            var variable = layer.Weights.Single(w => w.Name == weight!["name"]!.GetValue<string>());
            Assert.Equal(ParityFixtures.Ints(weight!["shape"]), variable.Shape);
            variable.SetValue(ParityFixtures.Floats(weight["values"]));
        }

        var expected = fixture["output"]!.AsObject();
        var actual = fixture["training"] is not null
            ? RunTraining(layer, inputs[0])
            : new Functional(symbolic, output).Predict(inputs);

        Assert.Equal(ParityFixtures.Ints(expected["shape"]), actual.Shape);
        ParityFixtures.AssertClose(ParityFixtures.Floats(expected["values"]), actual.Data, name);
        foreach (var updated in fixture["updated_weights"]?.AsArray() ?? [])
        {
            var variable = layer.Weights.Single(w => w.Name == updated!["name"]!.GetValue<string>());
            ParityFixtures.AssertClose(ParityFixtures.Floats(updated!["values"]), variable.GetValue(), $"{name} {variable.Name}");
        }
    }

    /// <summary>Runs one training-mode forward pass, in which batch normalization uses batch statistics.</summary>
    private static NDArray RunTraining(Layer layer, NDArray input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(input.Data, input.Shape.Select(d => (long)d).ToArray()).to(KerasBackend.Device);
        var y = layer.Apply(x, training: true).cpu();
        return new NDArray(y.data<float>().ToArray(), y.shape.Select(d => (int)d).ToArray());
    }

    /// <summary>Creates a layer from its Keras config: the class's FromConfig where it has one, else its constructor.</summary>
    private static Layer CreateLayer(string className, JsonObject config)
    {
        switch (className)
        {
            case "Conv2D":
                return new Conv2D(
                    config["filters"]!.GetValue<int>(),
                    Size2D.FromJson(config["kernel_size"]!),
                    Size2D.FromJson(config["strides"]!),
                    config["padding"]!.GetValue<string>(),
                    Size2D.FromJson(config["dilation_rate"]!),
                    useBias: config["use_bias"]!.GetValue<bool>());
            case "MaxPooling2D":
                return new MaxPooling2D(Size2D.FromJson(config["pool_size"]!), Size2D.FromJson(config["strides"]!), config["padding"]!.GetValue<string>());
            case "BatchNormalization":
                return new BatchNormalization(momentum: config["momentum"]!.GetValue<double>(), epsilon: config["epsilon"]!.GetValue<double>());
            case "Dense":
                return new Dense(config["units"]!.GetValue<int>());
        }

        var type = typeof(Layer).Assembly.GetType($"KerasClassifier.Keras.Layers.{className}")
            ?? throw new InvalidOperationException($"No layer class {className}.");
        var fromConfig = type.GetMethod("FromConfig", BindingFlags.Public | BindingFlags.Static, [typeof(JsonObject)])
            ?? throw new InvalidOperationException($"{className} has no public static FromConfig(JsonObject).");
        return (Layer)fromConfig.Invoke(null, [config])!;
    }
}
