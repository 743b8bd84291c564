using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Subtracts the second input from the first, as Keras's <c>Subtract</c> layer.</summary>
/// <example><c>var merged = new Subtract().Apply([a, b]);</c></example>
public sealed class Subtract : Merge
{
    /// <summary>Initializes a new instance of the <see cref="Subtract"/> class.</summary>
    /// <param name="name">The layer name.</param>
    public Subtract(string? name = null)
        : base(name)
    {
    }

    /// <inheritdoc/>
    private protected override int? MaxInputs => 2;

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static Subtract FromConfig(JsonObject config) => LayerConfig.WithBaseKeys(new Subtract(LayerConfig.Name(config)), config);

    /// <inheritdoc/>
    private protected override Tensor Combine(Tensor accumulated, Tensor next) => accumulated - next;
}
