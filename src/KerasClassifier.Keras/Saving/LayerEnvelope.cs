using System.Text.Json.Nodes;
using KerasClassifier.Keras.Layers;

namespace KerasClassifier.Keras.Saving;

/// <summary>Wraps a layer's config in the Keras 3 envelope (<c>module</c>, <c>class_name</c>, <c>config</c>...).</summary>
public static class LayerEnvelope
{
    /// <summary>Creates the envelope of a layer as Keras 3's <c>config.json</c> stores it.</summary>
    /// <param name="layer">The layer.</param>
    /// <returns>The envelope.</returns>
    public static JsonObject Create(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        // An unregistered type is written as Keras writes an unregistered custom class: no module,
        // the class name as registered_name. Saving checks registration before it gets here.
        var registration = Serialization.LayerRegistry.Find(layer);
        var envelope = new JsonObject
        {
            ["module"] = registration?.Module,
            ["class_name"] = registration?.ClassName ?? layer.ClassName,
            ["config"] = layer.GetConfig(),
            ["registered_name"] = registration is null ? layer.ClassName : registration.RegisteredName,
        };
        if (layer.Built && layer is not InputLayer && layer.BuiltInputShape is not null)
        {
            envelope["build_config"] = new JsonObject { ["input_shape"] = layer.BuiltInputShape.ToJson() };
        }

        return envelope;
    }
}
