using System.Text.Json;
using System.Text.Json.Nodes;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.Serialization;

namespace KerasClassifier.Keras.Saving;

/// <summary>Converts a model to and from the config JSON of the two full-model formats.</summary>
internal static class ModelConfig
{
    /// <summary>Creates <c>config.json</c>'s envelope: the model, its layers and, when compiled, <c>compile_config</c>.</summary>
    public static JsonObject ToKerasEnvelope(Model model)
    {
        LayerRegistry.RequireRegistered(model);
        var envelope = LayerEnvelope.Create(model);
        if (model.Compiled)
        {
            envelope["compile_config"] = CompileSettings.ToCompileConfig(model);
        }

        return envelope;
    }

    /// <summary>Creates the legacy HDF5 <c>model_config</c>: layer entries carry only <c>class_name</c> and <c>config</c>, as Keras writes there.</summary>
    public static JsonObject ToLegacyModelConfig(Model model)
    {
        LayerRegistry.RequireRegistered(model);
        var envelope = LayerEnvelope.Create(model);
        return StripLayerEntry(envelope);
    }

    /// <summary>Creates a model from its envelope after checking every layer class, naming the file position in errors.</summary>
    /// <param name="envelope">The model envelope.</param>
    /// <param name="location">The file, for messages.</param>
    /// <param name="innerPath">Where the config sits, e.g. <c>config.json</c> or <c>/@model_config</c>.</param>
    /// <returns>The model.</returns>
    public static Model CreateModel(JsonObject envelope, FileLocation location, string? innerPath)
    {
        Layers.Layer layer;
        try
        {
            LayerSupportCheck.ThrowIfUnsupported(envelope);
            layer = LayerRegistry.Deserialize(envelope);
        }
        catch (NotSupportedException ex)
        {
            throw location.Unsupported(innerPath, ex.Message, ex);
        }
        catch (InvalidDataException ex)
        {
            throw location.Invalid(innerPath, ex.Message, ex);
        }

        return layer as Model
            ?? throw location.Unsupported(innerPath, $"the config describes a single {envelope["class_name"]} layer, not a model.");
    }

    /// <summary>Parses JSON text that must be an object.</summary>
    public static JsonObject ParseObject(string text, FileLocation location, string? innerPath)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw location.Invalid(innerPath, "expected a JSON object.");
        }
        catch (JsonException ex)
        {
            throw location.Invalid(innerPath, $"the JSON is malformed: {ex.Message}", ex);
        }
    }

    /// <summary>Drops the Keras 3 envelope keys from a layer entry and its nested layers, keeping the others (a functional model's <c>name</c> and <c>inbound_nodes</c>).</summary>
    private static JsonObject StripLayerEntry(JsonObject envelope)
    {
        var entry = (JsonObject)envelope.DeepClone();
        foreach (var key in new[] { "module", "registered_name", "build_config", "compile_config" })
        {
            entry.Remove(key);
        }

        if (entry["config"] is JsonObject config && config["layers"] is JsonArray layers)
        {
            config["layers"] = new JsonArray(layers.Select(layer => (JsonNode?)StripLayerEntry((JsonObject)layer!)).ToArray());
        }

        return entry;
    }
}
