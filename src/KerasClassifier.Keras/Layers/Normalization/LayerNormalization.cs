using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Initializers;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// Normalizes each example over the given axes (the last by default) to zero mean and unit variance,
/// then scales by <c>gamma</c> and shifts by <c>beta</c>, as Keras's <c>LayerNormalization</c>
/// (epsilon 1e-3, biased variance).
/// </summary>
public sealed class LayerNormalization : Layer
{
    private KerasVariable? gamma;
    private KerasVariable? beta;

    /// <summary>Initializes a new instance of the <see cref="LayerNormalization"/> class.</summary>
    /// <param name="axis">The channels_last axes to normalize over (default the last, -1); the batch axis 0 is not allowed.</param>
    /// <param name="epsilon">Added to the variance (default 1e-3, Keras's; libtorch's is 1e-5).</param>
    /// <param name="center">Whether to add <c>beta</c> (default true).</param>
    /// <param name="scale">Whether to multiply by <c>gamma</c> (default true).</param>
    /// <param name="name">The layer name.</param>
    /// <param name="trainable">Whether training updates the variables.</param>
    public LayerNormalization(int[]? axis = null, double epsilon = 1e-3, bool center = true, bool scale = true, string? name = null, bool trainable = true)
        : base(name, trainable)
    {
        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Invalid epsilon for LayerNormalization; expected a positive value.");
        }

        Axis = axis is null || axis.Length == 0 ? [-1] : (int[])axis.Clone();
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
    }

    /// <summary>Gets the axes as given.</summary>
    public IReadOnlyList<int> Axis { get; }

    /// <summary>Gets epsilon.</summary>
    public double Epsilon { get; }

    /// <summary>Gets a value indicating whether <c>beta</c> is used.</summary>
    public bool Center { get; }

    /// <summary>Gets a value indicating whether <c>gamma</c> is used.</summary>
    public bool Scale { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="NotSupportedException">The config turns on <c>rms_scaling</c>.</exception>
    public static LayerNormalization FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (LayerConfig.Get(config, "rms_scaling", false))
        {
            throw new NotSupportedException("LayerNormalization config sets rms_scaling true; only false is supported.");
        }

        int[] axis = config["axis"] switch
        {
            JsonArray list => list.Select(a => a!.GetValue<int>()).ToArray(),
            JsonValue single => [single.GetValue<int>()],
            _ => [-1],
        };
        return new LayerNormalization(
            axis,
            LayerConfig.Get(config, "epsilon", 1e-3),
            LayerConfig.Get(config, "center", true),
            LayerConfig.Get(config, "scale", true),
            LayerConfig.Name(config),
            LayerConfig.Get(config, "trainable", true));
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis.Count == 1 ? Axis[0] : new JsonArray(Axis.Select(a => (JsonNode)a).ToArray());
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        config["rms_scaling"] = false;
        config["beta_initializer"] = InitializerConfig.ToJson(new Constant(0, "Zeros"));
        config["gamma_initializer"] = InitializerConfig.ToJson(new Constant(1, "Ones"));
        config["beta_regularizer"] = null;
        config["gamma_regularizer"] = null;
        config["beta_constraint"] = null;
        config["gamma_constraint"] = null;
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape)
    {
        foreach (var axis in NormalizedAxes(inputShape.Rank))
        {
            if (axis <= 0 || axis >= inputShape.Rank || inputShape[axis] is null)
            {
                throw new ArgumentException(
                    $"Layer \"{Name}\" (LayerNormalization) has axis ({string.Join(", ", Axis)}), which needs known non-batch axes; received input shape {inputShape}.",
                    nameof(inputShape));
            }
        }
    }

    /// <inheritdoc/>
    protected override void BuildCore(Shape inputShape)
    {
        // gamma and beta have the sizes of the normalized axes, as in Keras.
        int[] shape = NormalizedAxes(inputShape.Rank).Select(a => inputShape[a]!.Value).ToArray();
        if (Scale)
        {
            gamma = AddWeight("gamma", shape, new Constant(1, "Ones"));
        }

        if (Center)
        {
            beta = AddWeight("beta", shape, new Constant(0, "Zeros"));
        }
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        var input = TensorLayout.ToChannelsLast(x);
        var rank = (int)input.dim();
        var axes = NormalizedAxes(rank);
        long[] reduce = axes.Select(a => (long)a).ToArray();
        var mean = input.mean(reduce, keepdim: true);
        var variance = (input - mean).square().mean(reduce, keepdim: true);
        var y = (input - mean) * (variance + Epsilon).rsqrt();

        // Variables have the normalized axes' sizes; give them size-1 axes elsewhere to broadcast.
        long[] broadcast = Enumerable.Range(0, rank).Select(i => axes.Contains(i) ? input.shape[i] : 1L).ToArray();
        if (gamma is not null)
        {
            y = y * gamma.Value.reshape(broadcast);
        }

        if (beta is not null)
        {
            y = y + beta.Value.reshape(broadcast);
        }

        return TensorLayout.FromChannelsLast(y);
    }

    private int[] NormalizedAxes(int rank) => Axis.Select(a => a < 0 ? a + rank : a).Order().ToArray();
}
