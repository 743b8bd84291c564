namespace KerasClassifier.Keras.Metrics;

/// <summary>Creates metrics from the names <c>compile(metrics=[...])</c> accepts.</summary>
public static class MetricFactory
{
    /// <summary>Gets the names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["accuracy", "sparse_categorical_accuracy"];

    /// <summary>Creates a metric by name.</summary>
    /// <param name="name">The metric name.</param>
    /// <returns>The metric.</returns>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static Metric Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "accuracy" or "acc" => new SparseCategoricalAccuracy("accuracy"),
            "sparse_categorical_accuracy" => new SparseCategoricalAccuracy("sparse_categorical_accuracy"),
            _ => throw new ArgumentException($"Unknown metric '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
