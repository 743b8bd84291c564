using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Sums its inputs element-wise, as Keras's <c>Add</c> layer.</summary>
/// <example><c>var merged = new Add().Apply([a, b]);</c></example>
public sealed class Add : Merge
{
    /// <summary>Initializes a new instance of the <see cref="Add"/> class.</summary>
    /// <param name="name">The layer name.</param>
    public Add(string? name = null)
        : base(name)
    {
    }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static Add FromConfig(JsonObject config) => LayerConfig.WithBaseKeys(new Add(LayerConfig.Name(config)), config);

    /// <inheritdoc/>
    private protected override Tensor Combine(Tensor accumulated, Tensor next) => ScalarOps.Add(accumulated, next);
}
