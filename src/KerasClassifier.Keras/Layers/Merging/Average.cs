using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Averages its inputs element-wise, as Keras's <c>Average</c> layer.</summary>
/// <example><c>var mean = new Average().Apply([a, b, c]);</c></example>
public sealed class Average : Merge
{
    /// <summary>Initializes a new instance of the <see cref="Average"/> class.</summary>
    /// <param name="name">The layer name.</param>
    public Average(string? name = null)
        : base(name)
    {
    }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static Average FromConfig(JsonObject config) => LayerConfig.WithBaseKeys(new Average(LayerConfig.Name(config)), config);

    /// <inheritdoc/>
    private protected override Tensor Combine(Tensor accumulated, Tensor next) => accumulated + next;

    /// <inheritdoc/>
    private protected override Tensor Finish(Tensor combined, int inputCount) => combined / inputCount;
}
