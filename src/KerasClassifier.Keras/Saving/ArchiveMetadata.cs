using System.Globalization;
using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Saving;

/// <summary>Writes and reads <c>metadata.json</c> of a <c>.keras</c> archive.</summary>
internal static class ArchiveMetadata
{
    /// <summary>Creates the metadata Keras writes, plus this library's epoch count under its own key.</summary>
    /// <param name="epochsCompleted">The model's <c>EpochsCompleted</c>.</param>
    /// <param name="savedAt">The save time, written in local time as <c>YYYY-MM-DD@HH:MM:SS</c>.</param>
    /// <returns>The JSON object.</returns>
    public static JsonObject Create(int epochsCompleted, DateTimeOffset savedAt) => new()
    {
        ["keras_version"] = KerasFileConstants.KerasVersion,
        ["date_saved"] = savedAt.ToLocalTime().ToString("yyyy-MM-dd@HH:mm:ss", CultureInfo.InvariantCulture),
        [KerasFileConstants.MetadataKey] = new JsonObject { ["epochs_completed"] = epochsCompleted },
    };

    /// <summary>Reads the writer's Keras version; null when absent.</summary>
    public static string? KerasVersion(JsonObject? metadata) =>
        metadata?["keras_version"] is JsonValue value && value.TryGetValue<string>(out var version) ? version : null;

    /// <summary>Reads the epoch count this library stored; null in files from Keras.</summary>
    public static int? EpochsCompleted(JsonObject? metadata) =>
        metadata?[KerasFileConstants.MetadataKey]?["epochs_completed"] is JsonValue value && value.TryGetValue<int>(out var epochs) ? epochs : null;
}
