using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Saving.Serialization;

/// <summary>Reads the config keys every Keras optimizer shares and rejects the options this library lacks.</summary>
internal static class OptimizerConfig
{
    /// <summary>Creates a reader for an optimizer config after checking the shared options.</summary>
    /// <param name="config">The optimizer's <c>config</c> object.</param>
    /// <param name="className">The Keras class name, for messages.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="NotSupportedException">The config uses a learning-rate schedule, Keras 2's <c>decay</c>, EMA, loss scaling or gradient accumulation.</exception>
    public static ConfigReader Read(JsonObject config, string className)
    {
        ArgumentNullException.ThrowIfNull(config);
        var reader = new ConfigReader(config, $"optimizer '{config["name"]}' ({className})");

        if (config["learning_rate"] is JsonObject schedule)
        {
            throw new NotSupportedException($"Optimizer {className} uses the learning-rate schedule {schedule["class_name"]}, which is not supported.");
        }

        foreach (var key in new[] { "loss_scale_factor", "gradient_accumulation_steps" })
        {
            if (reader.Has(key))
            {
                throw new NotSupportedException($"Optimizer {className} sets {key} = {config[key]!.ToJsonString()}, which is not supported.");
            }
        }

        if (reader.GetDouble("decay", 0) != 0)
        {
            throw new NotSupportedException($"Optimizer {className} sets decay = {config["decay"]!.ToJsonString()}, Keras 2's learning-rate decay, which is not supported.");
        }

        if (reader.GetBool("use_ema", false))
        {
            throw new NotSupportedException($"Optimizer {className} sets use_ema = true, which is not supported.");
        }

        return reader;
    }

    /// <summary>Reads <c>learning_rate</c>, or Keras 2.2's <c>lr</c>.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="defaultValue">The class's default rate.</param>
    /// <returns>The rate.</returns>
    public static double LearningRate(ConfigReader reader, double defaultValue) =>
        reader.GetOptionalDouble("learning_rate") ?? reader.GetOptionalDouble("lr") ?? defaultValue;

    /// <summary>Reads <c>weight_decay</c>; null when missing.</summary>
    public static double? WeightDecay(ConfigReader reader) => reader.GetOptionalDouble("weight_decay");

    /// <summary>Reads <c>clipnorm</c>; null when missing.</summary>
    public static double? ClipNorm(ConfigReader reader) => reader.GetOptionalDouble("clipnorm");

    /// <summary>Reads <c>clipvalue</c>; null when missing.</summary>
    public static double? ClipValue(ConfigReader reader) => reader.GetOptionalDouble("clipvalue");

    /// <summary>Reads <c>global_clipnorm</c>; null when missing.</summary>
    public static double? GlobalClipNorm(ConfigReader reader) => reader.GetOptionalDouble("global_clipnorm");
}
