using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>The Keras metadata found in a SavedModel folder, with the place it came from.</summary>
internal sealed class KerasArchitecture
{
    public KerasArchitecture(ArchitectureSource source, string? sourceFile, JsonObject? root, IReadOnlyDictionary<int, KerasObjectMetadata> objects)
    {
        Source = source;
        SourceFile = sourceFile;
        Root = root;
        Objects = objects;
    }

    /// <summary>Gets where the metadata came from.</summary>
    public ArchitectureSource Source { get; }

    /// <summary>Gets the file the metadata came from, for error messages; null when there is none.</summary>
    public string? SourceFile { get; }

    /// <summary>Gets the model's metadata JSON: <c>class_name</c>, <c>config</c>, <c>training_config</c>, <c>keras_version</c>.</summary>
    public JsonObject? Root { get; }

    /// <summary>Gets the metadata of each saved Keras object by node id; empty for <see cref="ArchitectureSource.AssetsJson"/>.</summary>
    public IReadOnlyDictionary<int, KerasObjectMetadata> Objects { get; }

    /// <summary>Returns the root's string value under <paramref name="key"/>, or null.</summary>
    public string? RootString(string key) => Root?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
