using System.Text.Json.Nodes;
using KerasClassifier.Keras.Metrics;

namespace KerasClassifier.Keras.Saving.Serialization;

/// <summary>Reads the metric lists of Keras training configs into names <see cref="MetricFactory"/> accepts.</summary>
internal static class MetricRegistry
{
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

    /// <summary>Maps a metric entry to a name <see cref="MetricFactory"/> accepts; null when it has none.</summary>
    private static string? Resolve(JsonNode entry)
    {
        if (entry is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return Known(text);
        }

        if (entry is not JsonObject envelope || envelope["class_name"]?.ToString() is not { } className)
        {
            return null;
        }

        var config = envelope["config"] as JsonObject;
        if (className != "MeanMetricWrapper")
        {
            return Known(Layers.Layer.ToSnakeCase(className));
        }

        // tf.keras wraps metric functions: "fn" names the function, "name" the key it reports under.
        var function = Known(config?["fn"]?.ToString());
        return function is not null && config?["name"]?.ToString() is "accuracy" or "acc" ? "accuracy" : function;
    }

    /// <summary>Returns the name when <see cref="MetricFactory"/> accepts it, mapping Keras's alias <c>acc</c>.</summary>
    private static string? Known(string? name) => name switch
    {
        null => null,
        "acc" => "accuracy",
        _ when MetricFactory.Names.Contains(name) => name,
        _ => null,
    };

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
