using KerasClassifier.Keras.Layers;

namespace KerasClassifier.Keras.Applications;

/// <summary>Named sets of augmentation layers for product photos, from none to strong.</summary>
public static class AugmentationPresets
{
    /// <summary>Gets the preset names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["none", "light", "standard", "strong"];

    /// <summary>Creates the layers of a preset; they act only during training.</summary>
    /// <param name="preset">
    /// <c>none</c>; <c>light</c>: horizontal flip, rotation up to 18 degrees, zoom up to 10%;
    /// <c>standard</c>: light plus 10% translation and 20% contrast; <c>strong</c>: larger rotation
    /// (36 degrees), zoom (20%), translation (15%), contrast (30%) and brightness (20%).
    /// </param>
    /// <param name="seed">The seed of the first layer; each further layer adds one, so the run repeats.</param>
    /// <returns>The layers in order.</returns>
    /// <exception cref="ArgumentException">The preset is unknown; the message lists the names.</exception>
    public static IReadOnlyList<Layer> Create(string preset, int seed)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return preset.ToLowerInvariant() switch
        {
            "none" => [],
            "light" =>
            [
                new RandomFlip("horizontal", seed),
                new RandomRotation([0.05], seed: seed + 1),
                new RandomZoom([0.1], seed: seed + 2),
            ],
            "standard" =>
            [
                new RandomFlip("horizontal", seed),
                new RandomRotation([0.05], seed: seed + 1),
                new RandomZoom([0.1], seed: seed + 2),
                new RandomTranslation([0.1], [0.1], seed: seed + 3),
                new RandomContrast([0.2], seed: seed + 4),
            ],
            "strong" =>
            [
                new RandomFlip("horizontal", seed),
                new RandomRotation([0.1], seed: seed + 1),
                new RandomZoom([0.2], seed: seed + 2),
                new RandomTranslation([0.15], [0.15], seed: seed + 3),
                new RandomContrast([0.3], seed: seed + 4),
                new RandomBrightness([0.2], seed: seed + 5),
            ],
            _ => throw new ArgumentException($"Unknown augmentation preset '{preset}'; expected one of {string.Join(", ", Names)}.", nameof(preset)),
        };
    }
}
