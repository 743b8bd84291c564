namespace KerasClassifier.Keras.Metrics;

/// <summary>Creates metrics from the names <c>compile(metrics=[...])</c> accepts.</summary>
public static class MetricFactory
{
    /// <summary>Gets the names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "accuracy", "auc", "binary_accuracy", "categorical_accuracy", "f1_score", "precision", "recall",
        "sparse_categorical_accuracy", "sparse_top_k_categorical_accuracy", "top_k_categorical_accuracy",
    ];

    /// <summary>Creates a metric by name with Keras's defaults.</summary>
    /// <param name="name">The metric name; <c>accuracy</c> (or <c>acc</c>) picks binary, sparse or categorical accuracy from the data, as Keras does.</param>
    /// <returns>The metric.</returns>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static Metric Get(string name) => Get(name, name);

    /// <summary>Creates a metric by name, reporting under another key (models with several outputs prefix the output name).</summary>
    internal static Metric Get(string name, string reportAs)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "accuracy" or "acc" => new AutoAccuracy(reportAs),
            "sparse_categorical_accuracy" => new SparseCategoricalAccuracy(reportAs),
            "categorical_accuracy" => new CategoricalAccuracy(reportAs),
            "binary_accuracy" => new BinaryAccuracy(reportAs),
            "top_k_categorical_accuracy" => new TopKCategoricalAccuracy(name: reportAs),
            "sparse_top_k_categorical_accuracy" => new SparseTopKCategoricalAccuracy(name: reportAs),
            "precision" => new Precision(name: reportAs),
            "recall" => new Recall(name: reportAs),
            "auc" => new AUC(name: reportAs),
            "f1_score" => new F1Score(name: reportAs),
            _ => throw new ArgumentException($"Unknown metric '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
