using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// The Keras metadata of one saved object (the model, a layer, an RNN cell or a metric), its
/// wrapper objects already decoded.
/// </summary>
/// <param name="NodeId">The object's node id, shared by saved_model.pb's object graph and the checkpoint's.</param>
/// <param name="NodePath">The display path, e.g. <c>root.layer_with_weights-0</c>.</param>
/// <param name="Identifier">The Keras identifier, e.g. <c>_tf_keras_layer</c> or <c>_tf_keras_sequential</c>.</param>
/// <param name="Metadata">The metadata JSON: <c>class_name</c>, <c>name</c>, <c>config</c>, and for the root <c>training_config</c> and <c>keras_version</c>.</param>
internal sealed record KerasObjectMetadata(int NodeId, string NodePath, string Identifier, JsonObject Metadata)
{
    /// <summary>Gets the object's Keras class name, e.g. <c>Dense</c>, or null when the metadata lacks it.</summary>
    public string? ClassName => Metadata["class_name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Gets the object's name, e.g. <c>dense_1</c>, or null when the metadata lacks it.</summary>
    public string? Name => Metadata["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Gets a value indicating whether the object is a metric (under <c>keras_api</c>) rather than a layer.</summary>
    public bool IsMetric => Identifier == KerasIdentifiers.Metric || NodePath.StartsWith("root.keras_api.", StringComparison.Ordinal);
}
