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
        Register("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy.FromConfig);
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

                return fromConfig(envelope["config"] as JsonObject ?? []);

            case null:
                throw new NotSupportedException("The training configuration has no loss.");

            default:
                throw new NotSupportedException($"Loss {node.ToJsonString()} gives one loss per output, but only single-output models with one loss are supported.");
        }
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
