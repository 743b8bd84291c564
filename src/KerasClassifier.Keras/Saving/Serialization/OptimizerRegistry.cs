using System.Text.Json.Nodes;
using KerasClassifier.Keras.Optimizers;

namespace KerasClassifier.Keras.Saving.Serialization;

/// <summary>Maps Keras optimizer class names to this library's optimizers and back.</summary>
/// <remarks>A new optimizer needs one <see cref="Register{TOptimizer}"/> line in the static constructor.</remarks>
public static class OptimizerRegistry
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Func<JsonObject, Optimizer>> ByName = new(StringComparer.Ordinal);

    static OptimizerRegistry()
    {
        Register("Adagrad", Adagrad.FromConfig);
        Register("Adam", Adam.FromConfig);
        Register("AdamW", AdamW.FromConfig);
        Register("Nadam", Nadam.FromConfig);
        Register("RMSprop", RMSprop.FromConfig);
        Register("SGD", SGD.FromConfig);
    }

    /// <summary>Gets the registered class names, sorted.</summary>
    public static IReadOnlyList<string> ClassNames
    {
        get
        {
            lock (Gate)
            {
                return ByName.Keys.Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>Registers an optimizer class.</summary>
    /// <typeparam name="TOptimizer">The .NET type.</typeparam>
    /// <param name="className">The Keras <c>class_name</c>.</param>
    /// <param name="fromConfig">Creates an instance from its <c>config</c> object.</param>
    public static void Register<TOptimizer>(string className, Func<JsonObject, TOptimizer> fromConfig)
        where TOptimizer : Optimizer
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        ArgumentNullException.ThrowIfNull(fromConfig);
        lock (Gate)
        {
            ByName[className] = config => fromConfig(config);
        }
    }

    /// <summary>Creates an optimizer from a name (<c>"adam"</c>) or an envelope, as Keras's <c>optimizers.deserialize</c>.</summary>
    /// <param name="node">The string or <c>{"class_name": ..., "config": {...}}</c>; tf-keras's <c>Custom&gt;Adam</c> is read as <c>Adam</c>.</param>
    /// <returns>The optimizer.</returns>
    /// <exception cref="NotSupportedException">The class or one of its options is not supported.</exception>
    /// <exception cref="InvalidDataException">The entry is malformed.</exception>
    public static Optimizer Deserialize(JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var name))
        {
            try
            {
                return OptimizerFactory.Get(name);
            }
            catch (ArgumentException ex)
            {
                throw new NotSupportedException($"Optimizer '{name}' is not supported; supported optimizers: {string.Join(", ", ClassNames)}.", ex);
            }
        }

        var envelope = node as JsonObject ?? throw new InvalidDataException($"Invalid optimizer entry {node?.ToJsonString() ?? "null"}; expected a name or an object with class_name.");
        var className = envelope["class_name"]?.ToString() ?? throw new InvalidDataException($"Invalid optimizer entry {envelope.ToJsonString()}; class_name is missing.");
        if (className.StartsWith("Custom>", StringComparison.Ordinal))
        {
            className = className["Custom>".Length..];
        }

        Func<JsonObject, Optimizer>? fromConfig;
        lock (Gate)
        {
            ByName.TryGetValue(className, out fromConfig);
        }

        if (fromConfig is null)
        {
            throw new NotSupportedException($"Optimizer class '{className}' is not supported; supported optimizers: {string.Join(", ", ClassNames)}.");
        }

        try
        {
            return fromConfig(envelope["config"] as JsonObject ?? []);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"Invalid config for optimizer {className}: {ex.Message}", ex);
        }
    }

    /// <summary>Creates the Keras 3 envelope of an optimizer.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <returns>The envelope, with module <c>keras.optimizers</c>.</returns>
    public static JsonObject Serialize(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return new JsonObject
        {
            ["module"] = "keras.optimizers",
            ["class_name"] = optimizer.ClassName,
            ["config"] = optimizer.GetConfig(),
            ["registered_name"] = null,
        };
    }

    /// <summary>Creates a fresh optimizer with the same settings and no state.</summary>
    /// <param name="optimizer">The optimizer to copy.</param>
    /// <returns>A new, unbuilt optimizer.</returns>
    internal static Optimizer CreateFresh(Optimizer optimizer)
    {
        var envelope = Serialize(optimizer);
        return Deserialize(envelope);
    }
}
