using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Layers;

/// <summary>Reads values from a layer's Keras config for the layers' <c>FromConfig</c> methods.</summary>
internal static class LayerConfig
{
    /// <summary>Returns the <c>name</c> key, or null when it is missing.</summary>
    public static string? Name(JsonObject config) => config["name"]?.GetValue<string>();

    /// <summary>Returns a value, or <paramref name="fallback"/> when the key is missing or null.</summary>
    /// <exception cref="InvalidDataException">The value has another type.</exception>
    public static T Get<T>(JsonObject config, string key, T fallback)
    {
        var node = config[key];
        if (node is null)
        {
            return fallback;
        }

        try
        {
            return node.GetValue<T>();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"Layer config key '{key}' has value {node.ToJsonString()}, which is not a {typeof(T).Name}.", ex);
        }
    }

    /// <summary>Returns a nullable value: null when the key is missing or null.</summary>
    public static T? GetOptional<T>(JsonObject config, string key)
        where T : struct => config[key] is null ? null : Get(config, key, default(T));

    /// <summary>Returns a (height, width) pair stored as an int or a list, or <paramref name="fallback"/>.</summary>
    public static Size2D Size(JsonObject config, string key, Size2D fallback) =>
        config[key] is { } node ? Size2D.FromJson(node) : fallback;

    /// <summary>Returns a (height, width) pair, or null when the key is missing or null.</summary>
    public static Size2D? OptionalSize(JsonObject config, string key) =>
        config[key] is { } node ? Size2D.FromJson(node) : null;

    /// <summary>Returns an int stored alone or as the first item of a one-element list (Keras writes 1D sizes as lists).</summary>
    public static int Int1D(JsonObject config, string key, int fallback) => config[key] switch
    {
        null => fallback,
        JsonArray array => array[0]!.GetValue<int>(),
        var node => node.GetValue<int>(),
    };

    /// <summary>Returns an activation name from a string or an envelope, or null for linear.</summary>
    public static string? Activation(JsonObject config, string key = "activation") => config[key] switch
    {
        null => null,
        JsonValue value => value.GetValue<string>(),
        JsonObject envelope => envelope["config"]?["name"]?.GetValue<string>() ?? envelope["class_name"]?.GetValue<string>(),
        _ => null,
    };

    /// <summary>Checks that <c>data_format</c>, when present, is channels_last, the only layout this library's layers take.</summary>
    /// <exception cref="NotSupportedException">The config sets channels_first.</exception>
    public static void RequireChannelsLast(JsonObject config, string className)
    {
        var format = config["data_format"]?.GetValue<string>();
        if (format is not null and not "channels_last")
        {
            throw new NotSupportedException($"{className} config has data_format '{format}'; only channels_last is supported.");
        }
    }

    /// <summary>Applies the base keys every layer has (<c>trainable</c>) and returns the layer.</summary>
    public static T WithBaseKeys<T>(T layer, JsonObject config)
        where T : Layer
    {
        layer.Trainable = Get(config, "trainable", true);
        return layer;
    }
}
