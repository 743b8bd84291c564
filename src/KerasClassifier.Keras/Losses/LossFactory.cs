namespace KerasClassifier.Keras.Losses;

/// <summary>Creates losses from their Keras names, as <c>compile(loss="...")</c> does.</summary>
public static class LossFactory
{
    /// <summary>Gets the names <see cref="Get"/> accepts (Keras's snake_case names and aliases; class names work too).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "binary_crossentropy", "categorical_crossentropy", "huber", "kl_divergence", "kld",
        "mae", "mean_absolute_error", "mean_squared_error", "mse", "sparse_categorical_crossentropy",
    ];

    /// <summary>Creates a loss by name with Keras's defaults.</summary>
    /// <param name="name">The Keras loss name, alias or class name.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static Loss Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "sparse_categorical_crossentropy" or "SparseCategoricalCrossentropy" => new SparseCategoricalCrossentropy(),
            "categorical_crossentropy" or "CategoricalCrossentropy" => new CategoricalCrossentropy(),
            "binary_crossentropy" or "BinaryCrossentropy" => new BinaryCrossentropy(),
            "mean_squared_error" or "mse" or "MeanSquaredError" => new MeanSquaredError(),
            "mean_absolute_error" or "mae" or "MeanAbsoluteError" => new MeanAbsoluteError(),
            "huber" or "huber_loss" or "Huber" => new Huber(),
            "kl_divergence" or "kld" or "kullback_leibler_divergence" or "KLDivergence" => new KLDivergence(),
            _ => throw new ArgumentException($"Unknown loss '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
