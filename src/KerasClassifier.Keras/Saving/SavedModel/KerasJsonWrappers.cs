using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Decodes the wrapper objects that Keras's SavedModel metadata writer puts around Python values,
/// so that the config reads like the <c>model_config</c> of an HDF5 file.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>{"class_name": "__tuple__", "items": [...]}</c> becomes the list of items.</item>
/// <item><c>{"class_name": "TensorShape", "items": [...] or null}</c> becomes the list of dimensions, or null for an unknown rank.</item>
/// <item><c>{"class_name": "TypeSpec", "serialized": [shape, dtype, name], ...}</c> becomes <c>[shape, dtype, name]</c>.</item>
/// <item><c>{"class_name": "__bytes__", "value": ...}</c> becomes the value string.</item>
/// <item><c>{"class_name": "__ellipsis__"}</c> becomes the string <c>"..."</c>.</item>
/// </list>
/// The <c>shared_object_id</c> keys, which only link objects shared between layers in the
/// SavedModel writer, are dropped.
/// </remarks>
internal static class KerasJsonWrappers
{
    private const string SharedObjectIdKey = "shared_object_id";

    /// <summary>Returns a decoded deep copy of <paramref name="node"/>.</summary>
    public static JsonNode? Unwrap(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                return UnwrapObject(obj);
            case JsonArray array:
                return new JsonArray(array.Select(Unwrap).ToArray());
            case null:
                return null;
            default:
                return node.DeepClone();
        }
    }

    private static JsonNode? UnwrapObject(JsonObject obj)
    {
        var className = obj["class_name"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        switch (className)
        {
            case "__tuple__" when obj.ContainsKey("items"):
            case "TensorShape" when obj.ContainsKey("items"):
                return Unwrap(obj["items"]);
            case "TypeSpec" when obj["serialized"] is JsonArray serialized:
                return Unwrap(serialized);
            case "__bytes__" when obj.ContainsKey("value"):
                return Unwrap(obj["value"]);
            case "__ellipsis__":
                return JsonValue.Create("...");
        }

        var copy = new JsonObject();
        foreach (var (key, child) in obj)
        {
            if (key == SharedObjectIdKey)
            {
                continue;
            }

            copy[key] = Unwrap(child);
        }

        return copy;
    }
}
