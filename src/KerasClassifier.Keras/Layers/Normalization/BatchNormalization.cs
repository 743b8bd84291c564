using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Initializers;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// Batch normalization over the channels axis with Keras's defaults (momentum 0.99, epsilon 1e-3).
/// </summary>
/// <remarks>
/// In training it normalises with the batch statistics and updates <c>moving_mean</c> and
/// <c>moving_variance</c> as <c>moving = momentum * moving + (1 - momentum) * batch</c>. A layer whose
/// <see cref="Layer.Trainable"/> is false always runs in inference mode, as in Keras 3, which is
/// what fine-tuning a pretrained backbone needs.
/// </remarks>
public sealed class BatchNormalization : Layer
{
    private KerasVariable? gamma;
    private KerasVariable? beta;
    private KerasVariable? movingMean;
    private KerasVariable? movingVariance;

    /// <summary>Initializes a new instance of the <see cref="BatchNormalization"/> class.</summary>
    /// <param name="axis">The channels axis; only -1 (channels_last) is supported.</param>
    /// <param name="momentum">The moving-average momentum in [0, 1) (default 0.99).</param>
    /// <param name="epsilon">Added to the variance (default 1e-3).</param>
    /// <param name="center">Whether to add the <c>beta</c> offset (default true).</param>
    /// <param name="scale">Whether to multiply by <c>gamma</c> (default true).</param>
    /// <param name="name">The layer name.</param>
    /// <param name="trainable">Whether training updates the layer; false also freezes its statistics.</param>
    public BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true, string? name = null, bool trainable = true)
        : base(name, trainable)
    {
        if (momentum is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Invalid momentum for BatchNormalization; expected a value in [0, 1).");
        }

        if (epsilon <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Invalid epsilon for BatchNormalization; expected a positive value.");
        }

        Axis = axis;
        Momentum = momentum;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
    }

    /// <summary>Gets the channels axis as given.</summary>
    public int Axis { get; }

    /// <summary>Gets the moving-average momentum.</summary>
    public double Momentum { get; }

    /// <summary>Gets epsilon.</summary>
    public double Epsilon { get; }

    /// <summary>Gets a value indicating whether <c>beta</c> is used.</summary>
    public bool Center { get; }

    /// <summary>Gets a value indicating whether <c>gamma</c> is used.</summary>
    public bool Scale { get; }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer, Keras 2 keys converted.</param>
    /// <returns>The layer, not yet built.</returns>
    public static BatchNormalization FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(BatchNormalization));
        if (reader.GetBool("renorm", false) || reader.Has("virtual_batch_size") || reader.Has("adjustment"))
        {
            throw new NotSupportedException(
                $"Layer '{reader.GetName()}' (BatchNormalization) uses batch renormalization, a virtual batch size or an adjustment function, which are not supported.");
        }

        return new BatchNormalization(
            reader.GetInt("axis", -1),
            reader.GetDouble("momentum", 0.99),
            reader.GetDouble("epsilon", 1e-3),
            reader.GetBool("center", true),
            reader.GetBool("scale", true),
            reader.GetName());
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis;
        config["momentum"] = Momentum;
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        config["beta_initializer"] = InitializerConfig.ToJson(new Constant(0, "Zeros"));
        config["gamma_initializer"] = InitializerConfig.ToJson(new Constant(1, "Ones"));
        config["moving_mean_initializer"] = InitializerConfig.ToJson(new Constant(0, "Zeros"));
        config["moving_variance_initializer"] = InitializerConfig.ToJson(new Constant(1, "Ones"));
        config["beta_regularizer"] = null;
        config["gamma_regularizer"] = null;
        config["beta_constraint"] = null;
        config["gamma_constraint"] = null;
        config["synchronized"] = false;
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape)
    {
        if (Axis != -1 && Axis != inputShape.Rank - 1)
        {
            throw new NotSupportedException(
                $"Layer \"{Name}\" (BatchNormalization) has axis={Axis}; only the last (channels) axis is supported, -1 or {inputShape.Rank - 1} for input shape {inputShape}.");
        }

        if (inputShape.Rank < 2 || inputShape[-1] is null)
        {
            throw new ArgumentException(
                $"Input 0 of layer \"{Name}\" (BatchNormalization) needs rank >= 2 with a known channel axis. Full shape received: {inputShape}.", nameof(inputShape));
        }
    }

    /// <inheritdoc/>
    protected override void BuildCore(Shape inputShape)
    {
        var channels = inputShape[-1]!.Value;
        if (Scale)
        {
            gamma = AddWeight("gamma", [channels], new Constant(1, "Ones"));
        }

        if (Center)
        {
            beta = AddWeight("beta", [channels], new Constant(0, "Zeros"));
        }

        movingMean = AddWeight("moving_mean", [channels], new Constant(0, "Zeros"), trainable: false);
        movingVariance = AddWeight("moving_variance", [channels], new Constant(1, "Ones"), trainable: false);
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        var useBatchStatistics = training && Trainable;
        var channelAxis = TensorLayout.ChannelAxis(x.dim());
        if (channelAxis != 1)
        {
            x = x.movedim([channelAxis], [1L]);
        }

        var y = useBatchStatistics ? NormalizeWithBatchStatistics(x) : F.batch_norm(
            x,
            movingMean!.Value,
            movingVariance!.Value,
            gamma?.Value,
            beta?.Value,
            false,
            0,
            Epsilon);
        return channelAxis != 1 ? y.movedim([1L], [channelAxis]) : y;
    }

    /// <summary>
    /// Normalizes an (N, C, ...) tensor with its own mean and biased variance and moves the moving
    /// statistics toward them, as Keras does. libtorch's fused kernel would store the unbiased
    /// variance instead, which drifts from Keras's moving_variance on small batches.
    /// </summary>
    private Tensor NormalizeWithBatchStatistics(Tensor x)
    {
        var valuesPerChannel = x.numel() / x.shape[1];
        if (valuesPerChannel < 2)
        {
            return NormalizeWithBatchStatisticsUnfused(x);
        }

        // The fused kernel normalises with the biased batch variance, as Keras does. With momentum 1 it
        // writes the batch mean and the unbiased variance into the scratch copies; the moving variance
        // then takes the biased one, (n - 1) / n times the unbiased, as Keras's update does.
        using var batchMean = movingMean!.Value.detach().clone();
        using var batchVariance = movingVariance!.Value.detach().clone();
        var y = F.batch_norm(x, batchMean, batchVariance, gamma?.Value, beta?.Value, true, 1.0, Epsilon);
        using (no_grad())
        {
            var biasCorrection = (valuesPerChannel - 1) / (double)valuesPerChannel;
            ScalarOps.MovingAverageInPlace(movingMean.Value, Momentum, batchMean, 1 - Momentum);
            ScalarOps.MovingAverageInPlace(movingVariance.Value, Momentum, batchVariance, biasCorrection * (1 - Momentum));
        }

        return y;
    }

    private Tensor NormalizeWithBatchStatisticsUnfused(Tensor x)
    {
        long[] axes = [0, .. Enumerable.Range(2, (int)x.dim() - 2).Select(a => (long)a)];
        var mean = x.mean(axes, keepdim: true);
        var variance = (x - mean).square().mean(axes, keepdim: true);
        using (no_grad())
        {
            movingMean!.Value.mul_(Momentum).add_(mean.detach().flatten() * (1 - Momentum));
            movingVariance!.Value.mul_(Momentum).add_(variance.detach().flatten() * (1 - Momentum));
        }

        long[] channelShape = [1, x.shape[1], .. Enumerable.Repeat(1L, (int)x.dim() - 2)];
        var y = (x - mean) * (variance + Epsilon).rsqrt();
        if (gamma is not null)
        {
            y = y * gamma.Value.reshape(channelShape);
        }

        return beta is null ? y : y + beta.Value.reshape(channelShape);
    }
}
