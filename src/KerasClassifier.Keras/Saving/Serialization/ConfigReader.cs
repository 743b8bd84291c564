using System.Globalization;
using System.Text.Json.Nodes;
using KerasClassifier.Keras.Activations;
using KerasClassifier.Keras.Initializers;
using KerasClassifier.Keras.Layers;

namespace KerasClassifier.Keras.Saving.Serialization;

/// <summary>
/// Typed access to one Keras config object (a layer's or optimizer's <c>config</c> dict), with
/// errors that name the object and the key.
/// </summary>
/// <remarks>
/// A JSON <c>null</c> counts as a missing key, as Keras passes <c>None</c> for defaults. Malformed
/// values raise <see cref="InvalidDataException"/>; values this library cannot represent raise
/// <see cref="NotSupportedException"/>.
/// </remarks>
internal sealed class ConfigReader
{
    /// <summary>Initializes a new instance of the <see cref="ConfigReader"/> class.</summary>
    /// <param name="config">The config object.</param>
    /// <param name="subject">What the config describes, for messages, e.g. <c>layer 'dense' (Dense)</c>.</param>
    public ConfigReader(JsonObject config, string subject)
    {
        ArgumentNullException.ThrowIfNull(config);
        Json = config;
        Subject = subject;
    }

    /// <summary>Gets the config object.</summary>
    public JsonObject Json { get; }

    /// <summary>Gets the description of the configured object used in messages.</summary>
    public string Subject { get; }

    /// <summary>Creates a reader for a layer config, naming the layer by its <c>name</c> key.</summary>
    /// <param name="config">The layer config.</param>
    /// <param name="className">The Keras class name.</param>
    /// <returns>The reader.</returns>
    public static ConfigReader ForLayer(JsonObject config, string className)
    {
        var name = config["name"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "(unnamed)";
        return new ConfigReader(config, $"layer '{name}' ({className})");
    }

    /// <summary>Returns true when the key is present with a non-null value.</summary>
    public bool Has(string key) => Json[key] is not null;

    /// <summary>Reads the optional <c>name</c> key.</summary>
    public string? GetName() => GetOptionalString("name");

    /// <summary>Reads a required string.</summary>
    public string GetString(string key) => GetOptionalString(key) ?? throw Missing(key);

    /// <summary>Reads an optional string; null when missing.</summary>
    public string? GetOptionalString(string key)
    {
        var node = Json[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        throw Invalid(key, node, "a string");
    }

    /// <summary>Reads a required integer; accepts integral floats such as <c>3.0</c>.</summary>
    public int GetInt(string key) => GetOptionalInt(key) ?? throw Missing(key);

    /// <summary>Reads an integer or returns <paramref name="defaultValue"/> when missing.</summary>
    public int GetInt(string key, int defaultValue) => GetOptionalInt(key) ?? defaultValue;

    /// <summary>Reads an optional integer; null when missing.</summary>
    public int? GetOptionalInt(string key)
    {
        var node = Json[key];
        return node is null ? null : ToInt(node, key);
    }

    /// <summary>Reads a number or returns <paramref name="defaultValue"/> when missing.</summary>
    public double GetDouble(string key, double defaultValue) => GetOptionalDouble(key) ?? defaultValue;

    /// <summary>Reads an optional number; null when missing.</summary>
    public double? GetOptionalDouble(string key)
    {
        var node = Json[key];
        if (node is null)
        {
            return null;
        }

        return TryGetNumber(node, out var number) ? number : throw Invalid(key, node, "a number");
    }

    /// <summary>Reads a boolean or returns <paramref name="defaultValue"/> when missing.</summary>
    public bool GetBool(string key, bool defaultValue)
    {
        var node = Json[key];
        if (node is null)
        {
            return defaultValue;
        }

        if (node is JsonValue value && value.TryGetValue<bool>(out var flag))
        {
            return flag;
        }

        throw Invalid(key, node, "true or false");
    }

    /// <summary>Reads a (height, width) pair given as an int or a list of one or two ints.</summary>
    public Size2D GetSize2D(string key, Size2D defaultValue) => GetOptionalSize2D(key) ?? defaultValue;

    /// <summary>Reads an optional (height, width) pair; null when missing.</summary>
    public Size2D? GetOptionalSize2D(string key)
    {
        var node = Json[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonArray array && array.Count is 1 or 2 && array.All(n => n is not null))
        {
            var height = ToInt(array[0]!, key);
            return new Size2D(height, array.Count == 2 ? ToInt(array[1]!, key) : height);
        }

        var size = ToInt(node, key);
        return new Size2D(size, size);
    }

    /// <summary>Reads a number or a list of numbers (Keras's factors and ranges) as a list.</summary>
    public double[] GetNumbers(string key)
    {
        var node = Json[key] ?? throw Missing(key);
        if (node is JsonArray array)
        {
            return array.Select(n => TryGetNumber(n, out var d) ? d : throw Invalid(key, node, "a number or a list of numbers")).ToArray();
        }

        return TryGetNumber(node, out var number) ? [number] : throw Invalid(key, node, "a number or a list of numbers");
    }

    /// <summary>Reads a shape list such as <c>[null, 28, 28, 1]</c>; null entries are unknown sizes.</summary>
    public int?[] GetShape(string key)
    {
        var node = Json[key] ?? throw Missing(key);
        if (node is not JsonArray array)
        {
            throw Invalid(key, node, "a list of sizes");
        }

        return array.Select(n => n is null ? (int?)null : ToInt(n, key)).ToArray();
    }

    /// <summary>Reads an activation name (default <c>linear</c>) and checks that this library has it.</summary>
    /// <exception cref="NotSupportedException">The activation is a custom function or unknown here.</exception>
    public string GetActivation(string key = "activation")
    {
        var node = Json[key];
        if (node is null)
        {
            return "linear";
        }

        var name = node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : node is JsonObject envelope && envelope["class_name"]?.GetValue<string>() == "function"
                ? envelope["config"]?.ToString()
                : null;
        if (name is null || !ActivationFunctions.Names.Contains(name))
        {
            throw new NotSupportedException(
                $"{Capitalized} uses activation {node.ToJsonString()}, which is not supported; supported activations: {string.Join(", ", ActivationFunctions.Names)}.");
        }

        return name;
    }

    /// <summary>Reads an initializer given as a name or a Keras 2 or 3 envelope.</summary>
    /// <exception cref="NotSupportedException">The initializer has no counterpart in this library.</exception>
    public Initializer GetInitializer(string key, string defaultName)
    {
        var node = Json[key];
        if (node is null)
        {
            return Initializer.Get(defaultName);
        }

        try
        {
            return InitializerConfig.FromJson(node);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or FormatException or InvalidOperationException)
        {
            throw new NotSupportedException($"{Capitalized} has {key} {node.ToJsonString()}, which is not supported: {ex.Message}", ex);
        }
    }

    /// <summary>Reads <c>padding</c> and checks it is <c>valid</c> or <c>same</c>.</summary>
    public string GetPadding(string key = "padding")
    {
        var padding = GetOptionalString(key) ?? "valid";
        if (padding is not ("valid" or "same"))
        {
            throw new NotSupportedException($"{Capitalized} has {key} '{padding}'; only 'valid' and 'same' are supported.");
        }

        return padding;
    }

    /// <summary>Checks that <c>data_format</c> is missing or <c>channels_last</c>.</summary>
    /// <exception cref="NotSupportedException">The layer is channels_first.</exception>
    public void RequireChannelsLast(string key = "data_format")
    {
        var format = GetOptionalString(key);
        if (format is not (null or "channels_last"))
        {
            throw new NotSupportedException(
                $"{Capitalized} has {key} '{format}'; only channels_last models are supported. Save the model from Keras with data_format='channels_last'.");
        }
    }

    /// <summary>Creates the error for a malformed value.</summary>
    public InvalidDataException Invalid(string key, JsonNode? node, string expected) =>
        new($"{Capitalized} has invalid {key} {node?.ToJsonString() ?? "null"}; expected {expected}.");

    /// <summary>Creates the error for a missing required key.</summary>
    public InvalidDataException Missing(string key) => new($"{Capitalized} has no '{key}' in its config.");

    private string Capitalized => Subject.Length == 0 ? Subject : char.ToUpperInvariant(Subject[0]) + Subject[1..];

    private int ToInt(JsonNode node, string key)
    {
        if (TryGetNumber(node, out var number) && number == Math.Floor(number) && Math.Abs(number) <= int.MaxValue)
        {
            return (int)number;
        }

        throw Invalid(key, node, "an integer");
    }

    /// <summary>Reads any JSON number, parsed from text or built in memory from an int, float or double.</summary>
    private static bool TryGetNumber(JsonNode? node, out double number)
    {
        number = 0;
        return node is JsonValue value
            && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Formats a number for messages without culture effects.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
