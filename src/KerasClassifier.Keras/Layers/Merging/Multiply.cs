using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Multiplies its inputs element-wise, as Keras's <c>Multiply</c> layer.</summary>
/// <example><c>var merged = new Multiply().Apply([a, b]);</c></example>
public sealed class Multiply : Merge
{
    /// <summary>Initializes a new instance of the <see cref="Multiply"/> class.</summary>
    /// <param name="name">The layer name.</param>
    public Multiply(string? name = null)
        : base(name)
    {
    }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static Multiply FromConfig(JsonObject config) => LayerConfig.WithBaseKeys(new Multiply(LayerConfig.Name(config)), config);

    /// <inheritdoc/>
    private protected override Tensor Combine(Tensor accumulated, Tensor next) => accumulated * next;
}
