using System.Text.Json.Nodes;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

/// <summary>
/// Builds a Sequential model from a Keras config for the layer classes of the test folders
/// (InputLayer, Flatten, Dense, Conv2D, MaxPooling2D, BatchNormalization, Dropout), keeping names.
/// </summary>
internal static class ConfigModelFactory
{
    public static Model BuildSequential(JsonObject envelope)
    {
        Assert.Equal("Sequential", envelope["class_name"]!.GetValue<string>());
        var config = envelope["config"]!.AsObject();
        var layers = new List<Layer>();
        foreach (var layer in config["layers"]!.AsArray())
        {
            var className = layer!["class_name"]!.GetValue<string>();
            var layerConfig = layer["config"]!.AsObject();
            if (layers.Count == 0 && layerConfig["batch_input_shape"] is JsonArray batchShape)
            {
                var dims = batchShape.Skip(1).Select(d => d!.GetValue<int>()).ToArray();
                layers.Add(new InputLayer(dims, className == "InputLayer" ? Name(layerConfig) : null));
            }

            if (className != "InputLayer")
            {
                layers.Add(BuildLayer(className, layerConfig));
            }
        }

        return new Sequential(layers, Name(config));
    }

    private static Layer BuildLayer(string className, JsonObject config) => className switch
    {
        "Flatten" => new Flatten(Name(config)),
        "Dense" => new Dense(config["units"]!.GetValue<int>(), Activation(config), config["use_bias"]!.GetValue<bool>(), name: Name(config)),
        "Conv2D" => new Conv2D(
            config["filters"]!.GetValue<int>(),
            Size2D.FromJson(config["kernel_size"]!),
            Size2D.FromJson(config["strides"]!),
            config["padding"]!.GetValue<string>(),
            activation: Activation(config),
            useBias: config["use_bias"]!.GetValue<bool>(),
            name: Name(config)),
        "MaxPooling2D" => new MaxPooling2D(Size2D.FromJson(config["pool_size"]!), Size2D.FromJson(config["strides"]!), config["padding"]!.GetValue<string>(), Name(config)),
        "BatchNormalization" => new BatchNormalization(-1, config["momentum"]!.GetValue<double>(), config["epsilon"]!.GetValue<double>(), name: Name(config)),
        "Dropout" => new Dropout(config["rate"]!.GetValue<double>(), name: Name(config)),
        _ => throw new NotSupportedException($"The test factory does not build {className} layers."),
    };

    private static string Name(JsonObject config) => config["name"]!.GetValue<string>();

    private static string? Activation(JsonObject config) => config["activation"]?.GetValue<string>() is "linear" ? null : config["activation"]?.GetValue<string>();
}
