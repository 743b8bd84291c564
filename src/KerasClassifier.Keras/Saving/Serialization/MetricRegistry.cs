using System.Text.Json.Nodes;
using KerasClassifier.Keras.Metrics;

namespace KerasClassifier.Keras.Saving.Serialization;

/// <summary>Reads the metric lists of Keras training configs into names <see cref="MetricFactory"/> accepts.</summary>
internal static class MetricRegistry
{
    /// <summary>Maps a Keras metric class or function name to the name this library compiles.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["accuracy"] = "accuracy",
        ["acc"] = "accuracy",
        ["sparse_categorical_accuracy"] = "sparse_categorical_accuracy",
        ["SparseCategoricalAccuracy"] = "sparse_categorical_accuracy",
    };

    /// <summary>Reads a metric list; unsupported metrics are dropped with a warning.</summary>
    /// <param name="node">Keras 3's list of names or envelopes, or tf.keras's nested per-output lists of <c>MeanMetricWrapper</c> entries.</param>
    /// <returns>The metric names, each once.</returns>
    public static IReadOnlyList<string> Deserialize(JsonNode? node)
    {
        var names = new List<string>();
        foreach (var entry in Flatten(node))
        {
            var name = Resolve(entry);
            if (name is null)
            {
                DeserializationScope.Warn(
                    $"Metric {entry.ToJsonString()} is not supported and was dropped; supported metrics: {string.Join(", ", MetricFactory.Names)}.");
            }
            else if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>Writes compiled metrics as Keras 3 lists them in <c>compile_config</c>.</summary>
    /// <param name="metrics">The compiled metrics.</param>
    /// <returns>A JSON list of names, or null when there are none.</returns>
    public static JsonNode? Serialize(IReadOnlyList<Metric> metrics) =>
        metrics.Count == 0 ? null : new JsonArray(metrics.Select(m => (JsonNode?)JsonValue.Create(m.Name)).ToArray());

    private static string? Resolve(JsonNode entry)
    {
        if (entry is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return Aliases.GetValueOrDefault(text);
        }

        if (entry is not JsonObject envelope)
        {
            return null;
        }

        var className = envelope["class_name"]?.ToString();
        var config = envelope["config"] as JsonObject;
        if (className == "MeanMetricWrapper")
        {
            var function = config?["fn"]?.ToString();
            if (function is null || !Aliases.TryGetValue(function, out var resolved))
            {
                return null;
            }

            return config?["name"]?.ToString() is "accuracy" or "acc" ? "accuracy" : resolved;
        }

        return className is null ? null : Aliases.GetValueOrDefault(className);
    }

    private static IEnumerable<JsonNode> Flatten(JsonNode? node)
    {
        switch (node)
        {
            case null:
                yield break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in Flatten(item))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonObject o when o["class_name"] is null:
                // A dict keyed by output name: each value is that output's metrics.
                foreach (var (_, value) in o)
                {
                    foreach (var inner in Flatten(value))
                    {
                        yield return inner;
                    }
                }

                break;
            default:
                yield return node;
                break;
        }
    }
}
