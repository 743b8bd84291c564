using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Reorders the axes of each example, as Keras's <c>Permute</c>; axes are numbered from 1 (the batch axis stays first).</summary>
/// <example><c>new Permute([2, 1])</c> swaps the two axes of (batch, steps, features) inputs.</example>
public sealed class Permute : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Permute"/> class.</summary>
    /// <param name="dims">A permutation of 1..n over the n non-batch axes of the channels_last input.</param>
    /// <param name="name">The layer name.</param>
    public Permute(int[] dims, string? name = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length == 0 || !dims.Order().SequenceEqual(Enumerable.Range(1, dims.Length)))
        {
            throw new ArgumentException(
                $"Invalid dims ({string.Join(", ", dims)}) for Permute; expected a permutation of 1..{dims.Length} (the batch axis 0 is not included).", nameof(dims));
        }

        Dims = (int[])dims.Clone();
    }

    /// <summary>Gets the permutation, 1-based.</summary>
    public IReadOnlyList<int> Dims { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static Permute FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var dims = config["dims"] as JsonArray ?? throw new InvalidDataException("Permute config has no 'dims' list.");
        return LayerConfig.WithBaseKeys(new Permute(dims.Select(d => d!.GetValue<int>()).ToArray(), LayerConfig.Name(config)), config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new([inputShape[0], .. Dims.Select(d => inputShape[d])]);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["dims"] = new JsonArray(Dims.Select(d => (JsonNode)d).ToArray());
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) => RequireRank(inputShape, Dims.Count + 1);

    internal override Tensor Call(Tensor x, bool training)
    {
        long[] order = [0, .. Dims.Select(d => (long)d)];
        return TensorLayout.FromChannelsLast(TensorLayout.ToChannelsLast(x).permute(order));
    }
}
