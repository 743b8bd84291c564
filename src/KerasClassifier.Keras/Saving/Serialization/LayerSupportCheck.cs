using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Saving.Serialization;

/// <summary>
/// Walks a model config before anything is created and rejects it once, listing every layer whose
/// class <see cref="LayerRegistry"/> lacks, so a load never stops half-way on the first one.
/// </summary>
internal static class LayerSupportCheck
{
    private const string LambdaHelp =
        "a Lambda layer stores a Python function as bytecode, which cannot run outside Python; rebuild the model in Keras with built-in layers "
        + "(for example Rescaling(1/127.5, offset=-1) for x / 127.5 - 1), or recreate the architecture here and load only the weights with LoadWeights";

    /// <summary>Throws when the envelope or any layer nested in it has an unknown class or contains Python code.</summary>
    /// <param name="envelope">A model or layer envelope.</param>
    /// <exception cref="NotSupportedException">The message names each unsupported layer and its class and lists the supported classes.</exception>
    public static void ThrowIfUnsupported(JsonObject envelope)
    {
        var unsupported = new List<string>();
        var hasLambda = false;
        Visit(envelope, unsupported, ref hasLambda);
        if (unsupported.Count == 0)
        {
            return;
        }

        var message = $"The model uses {(unsupported.Count == 1 ? "a layer class" : "layer classes")} this library does not support: {string.Join(", ", unsupported)}.";
        if (hasLambda)
        {
            message += " Note: " + LambdaHelp + ".";
        }

        message += $" Supported layer classes: {string.Join(", ", LayerRegistry.ClassNames)}.";
        throw new NotSupportedException(message);
    }

    private static void Visit(JsonObject envelope, List<string> unsupported, ref bool hasLambda)
    {
        var className = envelope["class_name"]?.ToString() ?? "(no class_name)";
        var registeredName = envelope["registered_name"] is JsonValue registered && registered.TryGetValue<string>(out var text) ? text : null;
        var config = envelope["config"];
        var name = (config as JsonObject)?["name"]?.ToString() ?? envelope["name"]?.ToString() ?? "(unnamed)";

        if (className is "Lambda" or "__lambda__" || ContainsPythonCode(config))
        {
            hasLambda = true;
            unsupported.Add($"'{name}' ({className}, Python code)");
            return;
        }

        if (LayerRegistry.Find(className, registeredName) is null)
        {
            var custom = registeredName is not null && registeredName != className ? $", registered as '{registeredName}'" : string.Empty;
            unsupported.Add($"'{name}' ({className}{custom})");
            return;
        }

        var layers = config switch
        {
            JsonObject o => o["layers"] as JsonArray,
            JsonArray legacyLayers => legacyLayers,
            _ => null,
        };
        foreach (var entry in layers ?? [])
        {
            if (entry is JsonObject child)
            {
                Visit(child, unsupported, ref hasLambda);
            }
        }
    }

    /// <summary>Finds a serialized Python function (<c>__lambda__</c>) anywhere in a layer's own config, such as a lambda activation.</summary>
    private static bool ContainsPythonCode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["class_name"]?.ToString() == "__lambda__")
                {
                    return true;
                }

                return o.Where(p => p.Key != "layers").Any(p => ContainsPythonCode(p.Value));
            case JsonArray a:
                return a.Any(ContainsPythonCode);
            default:
                return false;
        }
    }
}
