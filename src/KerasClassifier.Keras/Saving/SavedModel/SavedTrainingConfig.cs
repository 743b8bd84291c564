using System.Text.Json.Nodes;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Metrics;
using KerasClassifier.Keras.Optimizers;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Turns a SavedModel's <c>training_config</c> (loss, metrics, <c>optimizer_config</c>) into this
/// library's optimizer, loss and metrics, rejecting settings it cannot reproduce exactly.
/// </summary>
internal static class SavedTrainingConfig
{
    private const string CompileHint = "Pass compile: false to load the model without its training configuration.";

    // Loss config keys that carry no setting of their own.
    private static readonly HashSet<string> NeutralLossKeys = ["name", "reduction", "fn"];

    /// <summary>Creates the optimizer, loss and metrics of a training config.</summary>
    /// <param name="trainingConfig">The training config JSON.</param>
    /// <param name="folder">The SavedModel folder, for messages.</param>
    /// <exception cref="NotSupportedException">The optimizer, loss, a metric or an option is not supported.</exception>
    public static (Optimizer Optimizer, Loss Loss, IReadOnlyList<Metric> Metrics) Create(JsonObject trainingConfig, string folder)
    {
        var optimizer = CreateOptimizer(trainingConfig["optimizer_config"] as JsonObject, folder);
        var loss = CreateLoss(trainingConfig["loss"], folder);
        var metrics = CreateMetrics(trainingConfig["metrics"], folder);
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

        if (BoolOf(config["use_ema"]))
        {
            throw Unsupported(folder, $"optimizer {className} sets use_ema=true, which is not supported");
        }

        var epsilon = NumberOf(config["epsilon"]) ?? 1e-7;
        var beta1 = NumberOf(config["beta_1"]) ?? 0.9;
        var beta2 = NumberOf(config["beta_2"]) ?? 0.999;
        var weightDecay = NumberOf(config["weight_decay"]);
        var clipNorm = NumberOf(config["clipnorm"]);
        var clipValue = NumberOf(config["clipvalue"]);
        var globalClipNorm = NumberOf(config["global_clipnorm"]);
        return className.ToLowerInvariant() switch
        {
            "adam" => new Adam(learningRate, beta1, beta2, epsilon, BoolOf(config["amsgrad"]))
            {
                WeightDecay = weightDecay, ClipNorm = clipNorm, ClipValue = clipValue, GlobalClipNorm = globalClipNorm,
            },
            "adamw" => new AdamW(learningRate, weightDecay ?? 0.004, beta1, beta2, epsilon, BoolOf(config["amsgrad"]))
            {
                ClipNorm = clipNorm, ClipValue = clipValue, GlobalClipNorm = globalClipNorm,
            },
            "nadam" => new Nadam(learningRate, beta1, beta2, epsilon)
            {
                WeightDecay = weightDecay, ClipNorm = clipNorm, ClipValue = clipValue, GlobalClipNorm = globalClipNorm,
            },
            "sgd" => new SGD(learningRate, NumberOf(config["momentum"]) ?? 0, BoolOf(config["nesterov"]))
            {
                WeightDecay = weightDecay, ClipNorm = clipNorm, ClipValue = clipValue, GlobalClipNorm = globalClipNorm,
            },
            "rmsprop" => new RMSprop(learningRate, NumberOf(config["rho"]) ?? 0.9, NumberOf(config["momentum"]) ?? 0, epsilon, BoolOf(config["centered"]))
            {
                WeightDecay = weightDecay, ClipNorm = clipNorm, ClipValue = clipValue, GlobalClipNorm = globalClipNorm,
            },
            "adagrad" => new Adagrad(learningRate, NumberOf(config["initial_accumulator_value"]) ?? 0.1, epsilon)
            {
                WeightDecay = weightDecay, ClipNorm = clipNorm, ClipValue = clipValue, GlobalClipNorm = globalClipNorm,
            },
            _ => throw Unsupported(folder, $"optimizer {className} is not supported; supported optimizers: {string.Join(", ", OptimizerFactory.Names)}"),
        };
    }

    private static Loss CreateLoss(JsonNode? loss, string folder)
    {
        if (StringOf(loss) is { } name)
        {
            return CreateNamed(name, () => LossFactory.Get(name), folder, "loss", LossFactory.Names);
        }

        if (loss is not JsonObject lossObject || StringOf(lossObject["class_name"]) is not { } className)
        {
            throw Unsupported(folder, $"the loss {loss?.ToJsonString() ?? "null"} is not a single loss; per-output losses are not supported");
        }

        var config = lossObject["config"] as JsonObject ?? [];
        var reduction = StringOf(config["reduction"]) ?? "auto";
        if (reduction is not ("auto" or "sum_over_batch_size"))
        {
            throw Unsupported(folder, $"loss {className} uses reduction '{reduction}'; only the default sum_over_batch_size is supported");
        }

        if (NumberOf(config["axis"]) is { } axis && axis != -1)
        {
            throw Unsupported(folder, $"loss {className} reduces over axis {axis}; only the last axis is supported");
        }

        var fromLogits = BoolOf(config["from_logits"]);
        var labelSmoothing = NumberOf(config["label_smoothing"]) ?? 0;
        switch (className)
        {
            case "SparseCategoricalCrossentropy":
                return new SparseCategoricalCrossentropy(fromLogits, labelSmoothing);
            case "CategoricalCrossentropy":
                return new CategoricalCrossentropy(fromLogits, labelSmoothing);
            case "BinaryCrossentropy":
                return new BinaryCrossentropy(fromLogits, labelSmoothing);
            case "Huber":
                return new Huber(NumberOf(config["delta"]) ?? 1.0);
        }

        var settings = config.Where(p => !NeutralLossKeys.Contains(p.Key)).Select(p => p.Key).ToList();
        if (settings.Count > 0)
        {
            throw Unsupported(folder, $"loss {className} sets {string.Join(", ", settings)}, which is not supported");
        }

        return CreateNamed(className, () => LossFactory.Get(className), folder, "loss", LossFactory.Names);
    }

    // Metrics arrive as names, or per output as lists of {"class_name": ..., "config": {"name", "fn", ...}}.
    private static List<Metric> CreateMetrics(JsonNode? metrics, string folder)
    {
        var created = new List<Metric>();
        foreach (var metric in Flatten(metrics))
        {
            var entry = CreateMetric(metric, folder);
            if (created.All(m => m.Name != entry.Name))
            {
                created.Add(entry);
            }
        }

        return created;
    }

    private static Metric CreateMetric(JsonNode? metric, string folder)
    {
        if (StringOf(metric) is { } name)
        {
            return CreateNamed(name, () => MetricFactory.Get(name), folder, "metric", MetricFactory.Names);
        }

        var metricObject = metric as JsonObject;
        var className = StringOf(metricObject?["class_name"]);
        var config = metricObject?["config"] as JsonObject ?? [];
        var reportAs = StringOf(config["name"]);
        if (className == "MeanMetricWrapper" && StringOf(config["fn"]) is { } function)
        {
            return CreateNamed(function, () => MetricFactory.Get(function, reportAs ?? function), folder, "metric", MetricFactory.Names);
        }

        var settings = config.Where(p => p.Key is not ("name" or "dtype")).Select(p => p.Key).ToList();
        if (className is null || settings.Count > 0)
        {
            throw Unsupported(folder, $"metric {metric?.ToJsonString() ?? "null"} is not supported; only metrics with default settings can be rebuilt");
        }

        var snakeName = Layer.ToSnakeCase(className);
        return CreateNamed(snakeName, () => MetricFactory.Get(snakeName, reportAs ?? snakeName), folder, "metric", MetricFactory.Names);
    }

    private static T CreateNamed<T>(string name, Func<T> create, string folder, string kind, IReadOnlyList<string> supported)
    {
        try
        {
            return create();
        }
        catch (ArgumentException exception)
        {
            throw Unsupported(folder, $"{kind} '{name}' is not supported; supported: {string.Join(", ", supported)}", exception);
        }
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

    private static bool BoolOf(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static NotSupportedException Unsupported(string folder, string detail, Exception? inner = null) =>
        new($"SavedModel '{folder}' cannot be compiled as saved: {detail}. {CompileHint}", inner);
}
