using System.Text.Json.Nodes;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Saving.Serialization;

/// <summary>
/// Reads and writes a model's compile settings: Keras 3's <c>compile_config</c> and the legacy
/// HDF5 <c>training_config</c>.
/// </summary>
internal static class CompileSettings
{
    /// <summary>Creates Keras 3's <c>compile_config</c> for a compiled model.</summary>
    /// <param name="model">The compiled model.</param>
    /// <returns>The object stored beside the model's config.</returns>
    public static JsonObject ToCompileConfig(Model model) => new()
    {
        ["optimizer"] = OptimizerRegistry.Serialize(model.Optimizer!),
        ["loss"] = LossRegistry.Serialize(model.Loss!),
        ["loss_weights"] = null,
        ["metrics"] = MetricRegistry.Serialize(model.CompiledMetrics),
        ["weighted_metrics"] = null,
        ["run_eagerly"] = false,
        ["steps_per_execution"] = 1,
        ["jit_compile"] = false,
    };

    /// <summary>Creates the legacy HDF5 <c>training_config</c> (Keras 3's form, optimizer without module).</summary>
    /// <param name="model">The compiled model.</param>
    /// <returns>The object stored as the root attribute's JSON text.</returns>
    public static JsonObject ToTrainingConfig(Model model)
    {
        var config = ToCompileConfig(model);
        var optimizer = (JsonObject)config["optimizer"]!;
        config.Remove("optimizer");
        config["optimizer_config"] = new JsonObject
        {
            ["class_name"] = optimizer["class_name"]!.DeepClone(),
            ["config"] = optimizer["config"]!.DeepClone(),
        };
        return config;
    }

    /// <summary>Compiles a loaded model from its saved settings; on anything unsupported it stays uncompiled with a warning, as Keras does.</summary>
    /// <param name="model">The model.</param>
    /// <param name="config">The <c>compile_config</c> or <c>training_config</c> object.</param>
    /// <param name="optimizerKey"><c>optimizer</c> for Keras 3's form, <c>optimizer_config</c> for the legacy form.</param>
    /// <returns>Whether the model was compiled.</returns>
    public static bool TryApply(Model model, JsonObject config, string optimizerKey)
    {
        try
        {
            var optimizer = OptimizerRegistry.Deserialize(config[optimizerKey]);
            var loss = LossRegistry.Deserialize(config["loss"]);
            if (config["loss_weights"] is JsonArray or JsonObject)
            {
                throw new NotSupportedException($"loss_weights {config["loss_weights"]!.ToJsonString()} are set, but only single-output models are supported.");
            }

            var metrics = MetricRegistry.Deserialize(config["metrics"]);
            if (MetricRegistry.Deserialize(config["weighted_metrics"]).Count > 0)
            {
                DeserializationScope.Warn("The saved weighted_metrics were dropped; this library does not support sample weights.");
            }

            model.Compile(optimizer, loss, metrics);
            return true;
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidDataException)
        {
            DeserializationScope.Warn($"The model was loaded uncompiled: {ex.Message} Call Compile before Fit.");
            return false;
        }
    }
}
