using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Takes the element-wise maximum of its inputs, as Keras's <c>Maximum</c> layer.</summary>
/// <example><c>var merged = new Maximum().Apply([a, b]);</c></example>
public sealed class Maximum : Merge
{
    /// <summary>Initializes a new instance of the <see cref="Maximum"/> class.</summary>
    /// <param name="name">The layer name.</param>
    public Maximum(string? name = null)
        : base(name)
    {
    }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static Maximum FromConfig(JsonObject config) => LayerConfig.WithBaseKeys(new Maximum(LayerConfig.Name(config)), config);

    /// <inheritdoc/>
    private protected override Tensor Combine(Tensor accumulated, Tensor next) => maximum(accumulated, next);
}
