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
