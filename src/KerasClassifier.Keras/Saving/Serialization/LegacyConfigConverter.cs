using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Saving.Serialization;

/// <summary>
/// Rewrites Keras 2 layer configs into the Keras 3 form that <c>FromConfig</c> methods read, as
/// Keras 3 itself does when it opens an old file.
/// </summary>
internal static class LegacyConfigConverter
{
    /// <summary>Returns a copy of a layer config with Keras 2 keys converted.</summary>
    /// <remarks>
    /// <c>batch_input_shape</c> becomes <c>batch_shape</c> on an <c>InputLayer</c> and stays as is
    /// on other layers (the containing model turns it into an input layer); an <c>axis</c> given as
    /// a one-element list becomes an int; <c>dtype</c> given as a policy object becomes its name.
    /// </remarks>
    /// <param name="className">The Keras class name.</param>
    /// <param name="config">The config as stored in the file.</param>
    /// <returns>A new object; the input is not changed.</returns>
    public static JsonObject Normalize(string className, JsonObject config)
    {
        var result = (JsonObject)config.DeepClone();
        if (className == "InputLayer" && result["batch_shape"] is null && result["batch_input_shape"] is { } legacyShape)
        {
            result["batch_shape"] = legacyShape.DeepClone();
            result.Remove("batch_input_shape");
        }

        if (result["axis"] is JsonArray { Count: 1 } axis)
        {
            result["axis"] = axis[0]?.DeepClone();
        }

        if (result["dtype"] is JsonObject policy)
        {
            result["dtype"] = DTypePolicyName(policy);
        }

        return result;
    }

    /// <summary>Returns the batch input shape a non-input layer declares, if any (Keras 2's <c>batch_input_shape</c> or Keras 3's <c>batch_shape</c>/<c>input_shape</c>).</summary>
    /// <param name="config">The normalized layer config.</param>
    /// <returns>The JSON list with the batch axis first, or null.</returns>
    public static JsonArray? DeclaredBatchShape(JsonObject config)
    {
        if (config["batch_input_shape"] is JsonArray batchInputShape)
        {
            return batchInputShape;
        }

        if (config["batch_shape"] is JsonArray batchShape)
        {
            return batchShape;
        }

        if (config["input_shape"] is JsonArray inputShape)
        {
            return [null, .. inputShape.Select(n => n?.DeepClone())];
        }

        return null;
    }

    /// <summary>Reads the policy name from a Keras 3 <c>DTypePolicy</c> or tf-keras <c>Policy</c> object.</summary>
    private static string? DTypePolicyName(JsonObject policy)
    {
        var config = policy["config"];
        if (config is JsonObject configObject && configObject["name"] is JsonValue name)
        {
            return name.GetValue<string>();
        }

        return config is JsonValue plain ? plain.GetValue<string>() : null;
    }
}
