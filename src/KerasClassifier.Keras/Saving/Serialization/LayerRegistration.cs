using System.Text.Json.Nodes;
using KerasClassifier.Keras.Layers;

namespace KerasClassifier.Keras.Saving.Serialization;

/// <summary>One Keras class known to <see cref="LayerRegistry"/>: its names in files and how to create it from a config.</summary>
/// <param name="ClassName">The Keras <c>class_name</c>, e.g. <c>Dense</c>.</param>
/// <param name="LayerType">The .NET type that implements it.</param>
/// <param name="FromConfig">Creates an instance from the class's <c>config</c> object.</param>
/// <param name="Module">The <c>module</c> Keras 3 writes for the class, e.g. <c>keras.layers</c>.</param>
/// <param name="RegisteredName">The <c>registered_name</c> Keras 3 writes: null for built-in layers.</param>
public sealed record LayerRegistration(
    string ClassName,
    Type LayerType,
    Func<JsonObject, Layer> FromConfig,
    string Module,
    string? RegisteredName);
