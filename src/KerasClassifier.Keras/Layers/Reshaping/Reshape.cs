using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// Gives each example a new shape with the same elements in channels_last (row-major) order, as Keras's
/// <c>Reshape</c>; one size may be -1 and is inferred.
/// </summary>
/// <example><c>var image = new Reshape([7, 7, 64]).Apply(dense);</c></example>
public sealed class Reshape : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Reshape"/> class.</summary>
    /// <param name="targetShape">The per-example shape, batch axis left out; positive sizes and at most one -1.</param>
    /// <param name="name">The layer name.</param>
    public Reshape(int[] targetShape, string? name = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(targetShape);
        if (targetShape.Length == 0 || targetShape.Any(d => d == 0 || d < -1) || targetShape.Count(d => d == -1) > 1)
        {
            throw new ArgumentException(
                $"Invalid targetShape ({string.Join(", ", targetShape)}) for Reshape; expected positive sizes and at most one -1.", nameof(targetShape));
        }

        TargetShape = (int[])targetShape.Clone();
    }

    /// <summary>Gets the per-example target shape as given (may contain -1).</summary>
    public IReadOnlyList<int> TargetShape { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static Reshape FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var target = config["target_shape"] as JsonArray ?? throw new InvalidDataException("Reshape config has no 'target_shape' list.");
        return LayerConfig.WithBaseKeys(new Reshape(target.Select(d => d?.GetValue<int>() ?? -1).ToArray(), LayerConfig.Name(config)), config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var dims = TargetShape.Select(d => d == -1 ? (int?)null : d).ToArray();
        var unknown = Array.IndexOf(dims, null);
        if (unknown >= 0 && inputShape.Dims.Skip(1).All(d => d is not null))
        {
            var known = TargetShape.Where(d => d != -1).Aggregate(1L, (a, b) => a * b);
            dims[unknown] = (int)(inputShape.ElementsPerExample() / known);
        }

        return new Shape([inputShape[0], .. dims]);
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["target_shape"] = new JsonArray(TargetShape.Select(d => (JsonNode)d).ToArray());
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape)
    {
        if (inputShape.Dims.Skip(1).Any(d => d is null))
        {
            return;
        }

        var elements = inputShape.ElementsPerExample();
        var known = TargetShape.Where(d => d != -1).Aggregate(1L, (a, b) => a * b);
        var fits = TargetShape.Contains(-1) ? elements % known == 0 : elements == known;
        if (!fits)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Reshape) cannot reshape input shape {inputShape} ({elements} values per example) to target shape ({string.Join(", ", TargetShape)}).",
                nameof(inputShape));
        }
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        long[] shape = [x.shape[0], .. TargetShape.Select(d => (long)d)];
        return TensorLayout.FromChannelsLast(TensorLayout.ToChannelsLast(x).reshape(shape));
    }
}
