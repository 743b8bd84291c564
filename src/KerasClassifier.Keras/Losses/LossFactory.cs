namespace KerasClassifier.Keras.Losses;

/// <summary>Creates losses from their Keras names, as <c>compile(loss="...")</c> does.</summary>
public static class LossFactory
{
    /// <summary>Gets the names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sparse_categorical_crossentropy"];

    /// <summary>Creates a loss by name with Keras's defaults.</summary>
    /// <param name="name">The Keras loss name or class name.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static Loss Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "sparse_categorical_crossentropy" or "SparseCategoricalCrossentropy" => new SparseCategoricalCrossentropy(),
            _ => throw new ArgumentException($"Unknown loss '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
