using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Finds the reasons a saved Keras model cannot be rebuilt from its config outside Python:
/// a missing config, a subclassed model, or layers whose behaviour is TensorFlow or Python code.
/// </summary>
/// <remarks>
/// Classes that are merely unknown to this library are left to the class registry, which rejects
/// them with the list of classes it supports.
/// </remarks>
internal static class RebuildabilityCheck
{
    // Layer classes whose config refers to code rather than describing the computation.
    private static readonly Dictionary<string, string> CodeLayers = new(StringComparer.Ordinal)
    {
        ["DenseFeatures"] = "turns feature columns (vocabulary lookups, bucketizing, crossing) into tensors with TensorFlow code",
        ["Lambda"] = "wraps a Python function, stored as Python bytecode",
        ["TensorFlowOpLayer"] = "wraps raw TensorFlow operations",
        ["TFOpLambda"] = "wraps a TensorFlow function called on Keras tensors",
        ["SlicingOpLambda"] = "wraps TensorFlow tensor slicing",
    };

    /// <summary>Returns why the model cannot be rebuilt, naming the class or layer, or null when it can.</summary>
    /// <param name="folder">The SavedModel folder, for the message.</param>
    /// <param name="architecture">The folder's Keras metadata.</param>
    public static string? FindReason(string folder, KerasArchitecture architecture)
    {
        var root = architecture.Root;
        if (architecture.Source == ArchitectureSource.None || root is null)
        {
            return $"SavedModel '{folder}' has no Keras architecture: it was exported with tf.saved_model.save or contains a model saved without Keras metadata. " +
                "Build the model in C# and load its weights with LoadWeightsByLayerOrder.";
        }

        var className = architecture.RootString("class_name") ?? "?";
        var rootIdentifier = architecture.Objects.TryGetValue(0, out var rootObject) ? rootObject.Identifier : null;
        if (root["config"] is not JsonObject config)
        {
            var kind = rootIdentifier == KerasIdentifiers.SubclassedModel ? "a subclassed model" : "a model";
            return $"SavedModel '{folder}' contains {kind} (class {className}) saved without a config, so its architecture exists only as Python code. " +
                "Build the model in C# and load its weights with LoadWeightsByLayerOrder.";
        }

        return FindCodeLayer(folder, config);
    }

    private static string? FindCodeLayer(string folder, JsonObject modelConfig)
    {
        if (modelConfig["layers"] is not JsonArray layers)
        {
            return null;
        }

        foreach (var layer in layers.OfType<JsonObject>())
        {
            var className = layer["class_name"] is JsonValue c && c.TryGetValue<string>(out var s) ? s : "?";
            var layerConfig = layer["config"] as JsonObject;
            var name = (layerConfig?["name"] ?? layer["name"]) is JsonValue n && n.TryGetValue<string>(out var text) ? text : "?";
            if (CodeLayers.TryGetValue(className, out var behaviour))
            {
                return $"SavedModel '{folder}' cannot be rebuilt: layer '{name}' is {className}, which {behaviour}.";
            }

            if (className.Contains('>', StringComparison.Ordinal))
            {
                return $"SavedModel '{folder}' cannot be rebuilt: layer '{name}' is the custom class '{className}', whose code was registered in Python.";
            }

            if (layerConfig is not null && FindCodeLayer(folder, layerConfig) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }
}
