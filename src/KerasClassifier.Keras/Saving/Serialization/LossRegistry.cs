using System.Text.Json.Nodes;
using KerasClassifier.Keras.Losses;

namespace KerasClassifier.Keras.Saving.Serialization;

/// <summary>Maps Keras loss names and classes to this library's losses and back.</summary>
/// <remarks>A new loss class needs one <see cref="Register{TLoss}"/> line in the static constructor; names go to <see cref="LossFactory"/>.</remarks>
public static class LossRegistry
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Func<JsonObject, Loss>> ByClassName = new(StringComparer.Ordinal);

    static LossRegistry()
    {
        Register("BinaryCrossentropy", c => new BinaryCrossentropy(FromLogits(c), LabelSmoothing(c), Reduction(c), Name(c, "binary_crossentropy")));
        Register("CategoricalCrossentropy", c => new CategoricalCrossentropy(FromLogits(c), LabelSmoothing(c), Reduction(c), Name(c, "categorical_crossentropy")));
        Register("Huber", c => new Huber(Reader(c, "Huber").GetDouble("delta", 1.0), Reduction(c), Name(c, "huber_loss")));
        Register("KLDivergence", c => new KLDivergence(Reduction(c), Name(c, "kl_divergence")));
        Register("MeanAbsoluteError", c => new MeanAbsoluteError(Reduction(c), Name(c, "mean_absolute_error")));
        Register("MeanSquaredError", c => new MeanSquaredError(Reduction(c), Name(c, "mean_squared_error")));
        Register("SparseCategoricalCrossentropy", c => new SparseCategoricalCrossentropy(FromLogits(c), LabelSmoothing(c), SparseReduction(c), Name(c, "sparse_categorical_crossentropy")));
    }

    /// <summary>Registers a loss class.</summary>
    /// <typeparam name="TLoss">The .NET type.</typeparam>
    /// <param name="className">The Keras <c>class_name</c>.</param>
    /// <param name="fromConfig">Creates an instance from its <c>config</c> object.</param>
    public static void Register<TLoss>(string className, Func<JsonObject, TLoss> fromConfig)
        where TLoss : Loss
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        ArgumentNullException.ThrowIfNull(fromConfig);
        lock (Gate)
        {
            ByClassName[className] = config => fromConfig(config);
        }
    }

    /// <summary>Creates a loss from a name or an envelope, as Keras's <c>losses.deserialize</c>.</summary>
    /// <param name="node">A name such as <c>sparse_categorical_crossentropy</c>, or <c>{"class_name": ..., "config": {...}}</c>.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="NotSupportedException">The loss is unknown here, or the model has several outputs with a loss each.</exception>
    public static Loss Deserialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue<string>(out var name):
                try
                {
                    return LossFactory.Get(name);
                }
                catch (ArgumentException ex)
                {
                    throw new NotSupportedException($"Loss '{name}' is not supported; supported losses: {string.Join(", ", LossFactory.Names)}.", ex);
                }

            case JsonObject envelope when envelope["class_name"] is not null:
                var className = envelope["class_name"]!.ToString();
                Func<JsonObject, Loss>? fromConfig;
                lock (Gate)
                {
                    ByClassName.TryGetValue(className, out fromConfig);
                }

                if (fromConfig is null)
                {
                    throw new NotSupportedException($"Loss class '{className}' is not supported; supported losses: {string.Join(", ", LossFactory.Names)}.");
                }

                try
                {
                    return fromConfig(envelope["config"] as JsonObject ?? []);
                }
                catch (ArgumentException ex)
                {
                    throw new InvalidDataException($"Invalid config for loss {className}: {ex.Message}", ex);
                }

            case null:
                throw new NotSupportedException("The training configuration has no loss.");

            default:
                throw new NotSupportedException($"Loss {node.ToJsonString()} gives one loss per output, but only single-output models with one loss are supported.");
        }
    }

    private static ConfigReader Reader(JsonObject config, string className) => new(config, $"loss {className}");

    private static bool FromLogits(JsonObject config) => Reader(config, "config").GetBool("from_logits", false);

    private static double LabelSmoothing(JsonObject config) => Reader(config, "config").GetDouble("label_smoothing", 0);

    private static string Name(JsonObject config, string defaultName) => Reader(config, "config").GetName() ?? defaultName;

    /// <summary>Reads <c>reduction</c>; tf.keras's <c>auto</c> is the mean over the batch.</summary>
    private static string Reduction(JsonObject config)
    {
        var reduction = Reader(config, "config").GetOptionalString("reduction");
        return reduction is null or "auto" ? "sum_over_batch_size" : reduction;
    }

    /// <summary>Reads the reduction of a sparse cross-entropy, rejecting <c>ignore_class</c>, which this library lacks.</summary>
    private static string SparseReduction(JsonObject config)
    {
        if (config["ignore_class"] is { } ignored)
        {
            throw new NotSupportedException($"Loss SparseCategoricalCrossentropy sets ignore_class = {ignored.ToJsonString()}, which is not supported.");
        }

        return Reduction(config);
    }

    /// <summary>Writes a loss as Keras stores it in <c>compile_config</c>: its name when it has Keras's defaults, else an envelope.</summary>
    /// <param name="loss">The loss.</param>
    /// <returns>A JSON string or envelope.</returns>
    public static JsonNode Serialize(Loss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        var defaults = LossFactory.Names.Contains(loss.Name) ? LossFactory.Get(loss.Name) : null;
        if (defaults is not null && defaults.GetType() == loss.GetType() && JsonNode.DeepEquals(defaults.GetConfig(), loss.GetConfig()))
        {
            return JsonValue.Create(loss.Name)!;
        }

        return new JsonObject
        {
            ["module"] = "keras.losses",
            ["class_name"] = loss.ClassName,
            ["config"] = loss.GetConfig(),
            ["registered_name"] = null,
        };
    }
}
