using System.Text.Json.Nodes;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Metrics;
using KerasClassifier.Keras.Optimizers;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Turns a SavedModel's <c>training_config</c> (loss, metrics, <c>optimizer_config</c>) into this
/// library's optimizer, loss and metric names, rejecting settings it cannot reproduce exactly.
/// </summary>
internal static class SavedTrainingConfig
{
    private const string CompileHint = "Pass compile: false to load the model without its training configuration.";

    /// <summary>Creates the optimizer, loss and metric names of a training config.</summary>
    /// <param name="trainingConfig">The training config JSON.</param>
    /// <param name="folder">The SavedModel folder, for messages.</param>
    /// <exception cref="NotSupportedException">The optimizer, loss, a metric or an option is not supported.</exception>
    public static (Optimizer Optimizer, Loss Loss, IReadOnlyList<string> Metrics) Create(JsonObject trainingConfig, string folder)
    {
        var optimizer = CreateOptimizer(trainingConfig["optimizer_config"] as JsonObject, folder);
        var loss = CreateLoss(trainingConfig["loss"], folder);
        var metrics = MetricNames(trainingConfig["metrics"], folder);
        return (optimizer, loss, metrics);
    }

    private static Optimizer CreateOptimizer(JsonObject? optimizerConfig, string folder)
    {
        var className = StringOf(optimizerConfig?["class_name"]) ?? throw Unsupported(folder, "the training config has no optimizer_config");
        if (className.StartsWith("Custom>", StringComparison.Ordinal))
        {
            className = className["Custom>".Length..];
        }

        var config = optimizerConfig!["config"] as JsonObject ?? [];
        var learningRate = NumberOf(config["learning_rate"])
            ?? throw Unsupported(folder, $"optimizer {className} uses a learning-rate schedule ({config["learning_rate"]?.ToJsonString()}), which is not supported");
        if (NumberOf(config["decay"]) is { } decay && decay != 0)
        {
            throw Unsupported(folder, $"optimizer {className} uses the legacy learning-rate decay {decay}, which is not supported");
        }

        foreach (var option in new[] { "clipnorm", "clipvalue", "global_clipnorm", "weight_decay" })
        {
            if (config[option] is JsonValue value && value.TryGetValue<double>(out var number))
            {
                throw Unsupported(folder, $"optimizer {className} sets {option}={number}, which is not supported");
            }
        }

        if (config["use_ema"] is JsonValue ema && ema.TryGetValue<bool>(out var useEma) && useEma)
        {
            throw Unsupported(folder, $"optimizer {className} sets use_ema=true, which is not supported");
        }

        return className.ToLowerInvariant() switch
        {
            "adam" => new Adam(
                learningRate,
                NumberOf(config["beta_1"]) ?? 0.9,
                NumberOf(config["beta_2"]) ?? 0.999,
                NumberOf(config["epsilon"]) ?? 1e-7,
                config["amsgrad"] is JsonValue a && a.TryGetValue<bool>(out var amsgrad) && amsgrad),
            "sgd" => new SGD(
                learningRate,
                NumberOf(config["momentum"]) ?? 0,
                config["nesterov"] is JsonValue n && n.TryGetValue<bool>(out var nesterov) && nesterov),
            _ => throw Unsupported(folder, $"optimizer {className} is not supported; supported optimizers: Adam, SGD"),
        };
    }

    private static Loss CreateLoss(JsonNode? loss, string folder)
    {
        var name = StringOf(loss);
        var fromLogits = false;
        if (loss is JsonObject lossObject)
        {
            name = StringOf(lossObject["class_name"]);
            fromLogits = (lossObject["config"] as JsonObject)?["from_logits"] is JsonValue v && v.TryGetValue<bool>(out var logits) && logits;
        }

        if (name is null)
        {
            throw Unsupported(folder, $"the loss {loss?.ToJsonString() ?? "null"} is not a single loss; per-output losses are not supported");
        }

        try
        {
            var created = LossFactory.Get(name);
            if (fromLogits)
            {
                created = created is SparseCategoricalCrossentropy
                    ? new SparseCategoricalCrossentropy(fromLogits: true)
                    : throw Unsupported(folder, $"loss {name} with from_logits=true is not supported");
            }

            return created;
        }
        catch (ArgumentException exception)
        {
            throw Unsupported(folder, $"loss '{name}' is not supported; supported losses: {string.Join(", ", LossFactory.Names)}", exception);
        }
    }

    // Metrics arrive as names, or per output as lists of {"class_name": "MeanMetricWrapper", "config": {"name", "fn"}}.
    private static List<string> MetricNames(JsonNode? metrics, string folder)
    {
        var names = new List<string>();
        foreach (var metric in Flatten(metrics))
        {
            var metricConfig = (metric as JsonObject)?["config"] as JsonObject;
            var name = StringOf(metric) ?? StringOf(metricConfig?["name"]);
            var function = StringOf(metricConfig?["fn"]);
            if (function is not null && function != "sparse_categorical_accuracy")
            {
                throw Unsupported(folder, $"metric '{name}' computes {function}, which is not supported; supported metrics: {string.Join(", ", MetricFactory.Names)}");
            }

            if (name is null || (!MetricFactory.Names.Contains(name) && name != "acc"))
            {
                throw Unsupported(folder, $"metric {metric?.ToJsonString() ?? "null"} is not supported; supported metrics: {string.Join(", ", MetricFactory.Names)}");
            }

            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static IEnumerable<JsonNode?> Flatten(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            return array.SelectMany(Flatten);
        }

        return node is null ? [] : [node];
    }

    private static string? StringOf(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? NumberOf(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static NotSupportedException Unsupported(string folder, string detail, Exception? inner = null) =>
        new($"SavedModel '{folder}' cannot be compiled as saved: {detail}. {CompileHint}", inner);
}
