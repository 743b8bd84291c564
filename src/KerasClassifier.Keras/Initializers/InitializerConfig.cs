using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Initializers;

/// <summary>Writes and reads initializer envelopes in layer configs.</summary>
public static class InitializerConfig
{
    /// <summary>Returns the Keras 3 envelope of an initializer.</summary>
    /// <param name="initializer">The initializer.</param>
    /// <returns>The JSON envelope with module, class_name, config and registered_name.</returns>
    public static JsonObject ToJson(Initializer initializer) => new()
    {
        ["module"] = "keras.initializers",
        ["class_name"] = initializer.ClassName,
        ["config"] = initializer.GetConfig(),
        ["registered_name"] = null,
    };

    /// <summary>Creates an initializer from a name or a Keras 2 or 3 envelope, config included.</summary>
    /// <param name="node">A string such as <c>he_normal</c>, or <c>{"class_name": ..., "config": {...}}</c> with or without <c>module</c>.</param>
    /// <returns>The initializer.</returns>
    /// <exception cref="ArgumentException">The class is unknown; the message lists the known names.</exception>
    public static Initializer FromJson(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is JsonValue value)
        {
            return Initializer.Get(value.GetValue<string>());
        }

        var envelope = node as JsonObject ?? throw new ArgumentException($"Invalid initializer {node.ToJsonString()}; expected a name or an object with class_name.", nameof(node));
        var className = envelope["class_name"]?.GetValue<string>()
            ?? throw new ArgumentException($"Invalid initializer {node.ToJsonString()}; class_name is missing.", nameof(node));
        var config = envelope["config"] as JsonObject ?? [];
        switch (className)
        {
            case "VarianceScaling":
                var mode = config["mode"]?.GetValue<string>() ?? "fan_in";
                var fanMode = mode switch
                {
                    "fan_in" => FanMode.FanIn,
                    "fan_out" => FanMode.FanOut,
                    "fan_avg" => FanMode.FanAvg,
                    _ => throw new ArgumentException($"Invalid VarianceScaling mode '{mode}'; expected fan_in, fan_out or fan_avg.", nameof(node)),
                };
                return new VarianceScaling(
                    config["scale"]?.GetValue<double>() ?? 1.0,
                    fanMode,
                    config["distribution"]?.GetValue<string>() ?? "truncated_normal");
            case "Constant":
                return new Constant(config["value"]?.GetValue<double>() ?? 0);
            default:
                return Initializer.Get(className);
        }
    }

    /// <summary>Reads an initializer from a string name or a Keras 2 or 3 envelope.</summary>
    /// <param name="node">The config value; null gives <paramref name="fallback"/>.</param>
    /// <param name="fallback">The name to use when the value is missing.</param>
    /// <returns>The initializer's Keras name, accepted by <see cref="Initializer.Get"/>.</returns>
    public static string NameFromJson(JsonNode? node, string fallback)
    {
        return node switch
        {
            null => fallback,
            JsonValue v => v.GetValue<string>(),
            JsonObject o => o["class_name"]?.GetValue<string>() ?? fallback,
            _ => fallback,
        };
    }
}
