using System.Text.Json.Nodes;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Saving.Serialization;

/// <summary>
/// Maps Keras <c>class_name</c>s (with <c>module</c> and <c>registered_name</c>) to this library's
/// layer and model types and back. Every reader and writer of model files goes through it.
/// </summary>
/// <remarks>
/// A new layer type needs one <see cref="Register{TLayer}"/> line in the static constructor and a
/// static <c>FromConfig(JsonObject)</c> method on the type.
/// </remarks>
public static class LayerRegistry
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, LayerRegistration> ByName = new(StringComparer.Ordinal);
    private static readonly Dictionary<Type, LayerRegistration> ByType = [];

    static LayerRegistry()
    {
        Register("Activation", Activation.FromConfig);
        Register("Add", Add.FromConfig);
        Register("Average", Average.FromConfig);
        Register("AveragePooling2D", AveragePooling2D.FromConfig);
        Register("BatchNormalization", BatchNormalization.FromConfig);
        Register("CenterCrop", CenterCrop.FromConfig);
        Register("Concatenate", Concatenate.FromConfig);
        Register("Conv1D", Conv1D.FromConfig);
        Register("Conv2D", Conv2D.FromConfig);
        Register("Conv2DTranspose", Conv2DTranspose.FromConfig);
        Register("Cropping2D", Cropping2D.FromConfig);
        Register("Dense", Dense.FromConfig);
        Register("DepthwiseConv2D", DepthwiseConv2D.FromConfig);
        Register("Dropout", Dropout.FromConfig);
        Register("ELU", ELU.FromConfig);
        Register("Embedding", Embedding.FromConfig);
        Register("Flatten", Flatten.FromConfig);
        Register("Functional", config => Functional.FromConfig(config, Deserialize), module: Functional.KerasModule, registeredName: "Functional", aliases: ["Model"]);
        Register("GlobalAveragePooling1D", GlobalAveragePooling1D.FromConfig);
        Register("GlobalAveragePooling2D", GlobalAveragePooling2D.FromConfig);
        Register("GlobalMaxPooling2D", GlobalMaxPooling2D.FromConfig);
        Register("InputLayer", InputLayer.FromConfig);
        Register("LayerNormalization", LayerNormalization.FromConfig);
        Register("LeakyReLU", LeakyReLU.FromConfig);
        Register("MaxPooling1D", MaxPooling1D.FromConfig);
        Register("MaxPooling2D", MaxPooling2D.FromConfig);
        Register("Maximum", Maximum.FromConfig);
        Register("Multiply", Multiply.FromConfig);
        Register("Normalization", Normalization.FromConfig);
        Register("Permute", Permute.FromConfig);
        Register("RandomBrightness", RandomBrightness.FromConfig);
        Register("RandomContrast", RandomContrast.FromConfig);
        Register("RandomCrop", RandomCrop.FromConfig);
        Register("RandomResizedCrop", RandomResizedCrop.FromConfig);
        Register("RandomFlip", RandomFlip.FromConfig);
        Register("RandomRotation", RandomRotation.FromConfig);
        Register("RandomTranslation", RandomTranslation.FromConfig);
        Register("RandomZoom", RandomZoom.FromConfig);
        Register("ReLU", ReLU.FromConfig);
        Register("Rescaling", Rescaling.FromConfig);
        Register("Reshape", Reshape.FromConfig);
        Register("Resizing", Resizing.FromConfig);
        Register("SeparableConv2D", SeparableConv2D.FromConfig);
        Register("Sequential", Sequential.FromConfig, module: "keras");
        Register("Softmax", Softmax.FromConfig);
        Register("Subtract", Subtract.FromConfig);
        Register("UpSampling2D", UpSampling2D.FromConfig);
        Register("ZeroPadding2D", ZeroPadding2D.FromConfig);

        // The library's own layers, under Keras's naming for registered custom objects ("package>ClassName").
        Register("ResNetBasicBlock", Applications.ResNetBasicBlock.FromConfig, module: "kerasclassifier.applications", registeredName: "KerasClassifier>ResNetBasicBlock");
        Register("CaffePreprocessing", Applications.CaffePreprocessing.FromConfig, module: "kerasclassifier.applications", registeredName: "KerasClassifier>CaffePreprocessing");
    }

    /// <summary>Gets the registered class names, sorted, aliases left out.</summary>
    public static IReadOnlyList<string> ClassNames
    {
        get
        {
            lock (Gate)
            {
                return ByType.Values.Select(r => r.ClassName).Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>Registers a layer or model class so that files naming it can be loaded and files containing it can be written.</summary>
    /// <typeparam name="TLayer">The .NET type.</typeparam>
    /// <param name="className">The Keras <c>class_name</c>; for a custom class saved with <c>register_keras_serializable</c>, its registered name such as <c>Custom&gt;MyLayer</c>.</param>
    /// <param name="fromConfig">Creates an instance from a config object (Keras 2 keys already converted).</param>
    /// <param name="module">The <c>module</c> to write (default <c>keras.layers</c>).</param>
    /// <param name="registeredName">The <c>registered_name</c> to write (default null, as for built-in layers).</param>
    /// <param name="aliases">Other class names that load as this type, e.g. Keras 2's names for the class.</param>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static void Register<TLayer>(
        string className,
        Func<JsonObject, TLayer> fromConfig,
        string module = "keras.layers",
        string? registeredName = null,
        IEnumerable<string>? aliases = null)
        where TLayer : Layer
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        ArgumentNullException.ThrowIfNull(fromConfig);

        var registration = new LayerRegistration(className, typeof(TLayer), config => fromConfig(config), module, registeredName);
        lock (Gate)
        {
            ByType[typeof(TLayer)] = registration;
            foreach (var name in new[] { className, registeredName }.Concat(aliases ?? []))
            {
                if (!string.IsNullOrEmpty(name))
                {
                    ByName[name] = registration;
                }
            }
        }
    }

    /// <summary>Removes a type's registration and its names; tests use it to undo a registration.</summary>
    /// <typeparam name="TLayer">The .NET type.</typeparam>
    internal static void Unregister<TLayer>()
        where TLayer : Layer
    {
        lock (Gate)
        {
            if (ByType.Remove(typeof(TLayer), out var registration))
            {
                foreach (var name in ByName.Where(p => p.Value == registration).Select(p => p.Key).ToArray())
                {
                    ByName.Remove(name);
                }
            }
        }
    }

    /// <summary>Finds the registration for an envelope's names; null when the class is unknown.</summary>
    /// <param name="className">The <c>class_name</c>.</param>
    /// <param name="registeredName">The <c>registered_name</c>, if any; custom classes are found by it.</param>
    /// <returns>The registration, or null.</returns>
    public static LayerRegistration? Find(string className, string? registeredName = null)
    {
        lock (Gate)
        {
            if (registeredName is not null && registeredName != className && ByName.TryGetValue(registeredName, out var custom))
            {
                return custom;
            }

            return ByName.GetValueOrDefault(className);
        }
    }

    /// <summary>Returns the registration of a layer's type; null when the type was never registered.</summary>
    /// <param name="layer">The layer.</param>
    /// <returns>The registration, or null.</returns>
    public static LayerRegistration? Find(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        lock (Gate)
        {
            return ByType.GetValueOrDefault(layer.GetType());
        }
    }

    /// <summary>Checks that a model and every layer in it can be written to a model file and read back.</summary>
    /// <param name="model">The model.</param>
    /// <exception cref="NotSupportedException">A type was never registered; the message names the layer and type.</exception>
    public static void RequireRegistered(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var pending = new Stack<Layer>([model]);
        while (pending.Count > 0)
        {
            var layer = pending.Pop();
            if (Find(layer) is null)
            {
                throw new NotSupportedException(
                    $"Layer '{layer.Name}' has type {layer.GetType().FullName}, which is not registered with LayerRegistry, so a saved model could not be loaded again; "
                    + "call LayerRegistry.Register for it, or save only the weights with SaveWeights.");
            }

            foreach (var inner in (layer as Model)?.SavedLayers ?? [])
            {
                pending.Push(inner);
            }
        }
    }

    /// <summary>Creates a layer or model from its Keras envelope (<c>class_name</c>, <c>config</c>...), as Keras's <c>deserialize</c>.</summary>
    /// <param name="envelope">The envelope from <c>config.json</c> or a legacy <c>model_config</c>.</param>
    /// <returns>The layer; a model comes back built when its config gives the input shape.</returns>
    /// <exception cref="NotSupportedException">The class is unknown or a Lambda, or the config uses an option this library lacks.</exception>
    /// <exception cref="InvalidDataException">The config is malformed.</exception>
    public static Layer Deserialize(JsonObject envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var className = envelope["class_name"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new InvalidDataException($"Invalid layer entry {Abbreviate(envelope)}; class_name is missing.");
        var registeredName = envelope["registered_name"] is JsonValue registered && registered.TryGetValue<string>(out var registeredText) ? registeredText : null;
        var config = envelope["config"] switch
        {
            JsonObject o => o,
            JsonArray legacyLayers => new JsonObject { ["layers"] = legacyLayers.DeepClone() },
            _ => throw new InvalidDataException($"Invalid layer entry {Abbreviate(envelope)}; config is missing."),
        };

        LayerSupportCheck.ThrowIfUnsupported(envelope);
        var registration = Find(className, registeredName)!;

        var normalized = LegacyConfigConverter.Normalize(className, config);
        var reader = ConfigReader.ForLayer(normalized, className);
        if (registration.LayerType != typeof(InputLayer))
        {
            // An input layer's dtype is the type of the data fed in, which Predict and Fit convert to float32.
            CheckCommonOptions(reader);
        }

        Layer layer;
        try
        {
            layer = registration.FromConfig(normalized);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"Invalid config for {reader.Subject}: {ex.Message}", ex);
        }

        // Setting a model's flag also sets it on every layer inside, so it is set only when it changes:
        // a trainable model keeps the frozen layers its config lists.
        var trainable = reader.GetBool("trainable", true);
        if (layer is not InputLayer && layer.Trainable != trainable)
        {
            layer.Trainable = trainable;
        }

        return layer;
    }

    /// <summary>Checks keys that every layer config may carry, and warns about the ones this library ignores.</summary>
    private static void CheckCommonOptions(ConfigReader reader)
    {
        var dtype = reader.GetOptionalString("dtype");
        if (dtype is "mixed_float16" or "mixed_bfloat16")
        {
            DeserializationScope.Warn($"{Capitalize(reader.Subject)} has dtype policy '{dtype}'; it runs in float32 here, which gives the same or more precise results.");
        }
        else if (dtype is not (null or "float32"))
        {
            throw new NotSupportedException($"{Capitalize(reader.Subject)} has dtype '{dtype}'; only float32 layers are supported.");
        }

        foreach (var (key, node) in reader.Json)
        {
            if (node is not null && (key.EndsWith("_regularizer", StringComparison.Ordinal) || key.EndsWith("_constraint", StringComparison.Ordinal)))
            {
                var kind = node is JsonObject o ? o["class_name"]?.ToString() ?? node.ToJsonString() : node.ToJsonString();
                DeserializationScope.Warn(
                    $"{Capitalize(reader.Subject)} has {key} {kind}, which is not supported and was dropped; predictions are unchanged, but further training runs without it.");
            }
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Abbreviate(JsonNode node)
    {
        var json = node.ToJsonString();
        return json.Length <= 120 ? json : json[..117] + "...";
    }
}
