using System.Text.Json.Nodes;
using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Initializers;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// Shifts and scales inputs per channel to zero mean and unit variance, as Keras's
/// <c>Normalization</c>: <c>(x - mean) / max(sqrt(variance), 1e-7)</c>.
/// </summary>
/// <example>
/// <code>
/// var normalization = new Normalization();
/// normalization.Adapt(trainDataset);   // per-channel statistics of the training images
/// </code>
/// </example>
public sealed class Normalization : Layer
{
    // Keras divides by at least its backend epsilon so a constant channel does not divide by zero.
    private const double MinimumStandardDeviation = 1e-7;

    private readonly float[]? fixedMean;
    private readonly float[]? fixedVariance;
    private KerasVariable? mean;
    private KerasVariable? variance;
    private KerasVariable? count;

    /// <summary>Initializes a new instance of the <see cref="Normalization"/> class.</summary>
    /// <param name="mean">Per-channel means, or null to learn them with <see cref="Adapt"/>.</param>
    /// <param name="variance">Per-channel variances; given together with <paramref name="mean"/>.</param>
    /// <param name="invert">Whether to undo the normalisation instead (default false).</param>
    /// <param name="name">The layer name.</param>
    public Normalization(float[]? mean = null, float[]? variance = null, bool invert = false, string? name = null)
        : base(name, trainable: false)
    {
        if ((mean is null) != (variance is null))
        {
            throw new ArgumentException("Normalization needs both mean and variance, or neither (then call Adapt).", nameof(variance));
        }

        if (mean is not null && mean.Length != variance!.Length)
        {
            throw new ArgumentException($"Normalization mean has {mean.Length} values but variance has {variance.Length}.", nameof(variance));
        }

        if (variance is not null && variance.Any(v => v < 0 || float.IsNaN(v)))
        {
            throw new ArgumentOutOfRangeException(nameof(variance), "Normalization variance values must be >= 0.");
        }

        fixedMean = mean;
        fixedVariance = variance;
        Invert = invert;
    }

    /// <summary>Gets a value indicating whether the layer undoes the normalisation.</summary>
    public bool Invert { get; }

    /// <summary>Gets a value indicating whether the statistics are set (given or adapted).</summary>
    public bool IsAdapted { get; private set; }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer.</param>
    /// <returns>The layer, not yet built.</returns>
    /// <exception cref="NotSupportedException">The config normalizes along an axis other than the last.</exception>
    public static Normalization FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(Normalization));
        var axis = config["axis"] switch
        {
            null => -1,
            JsonArray { Count: 1 } list => list[0]?.GetValue<int>(),
            JsonValue value => value.GetValue<int>(),
            _ => null,
        };
        if (axis != -1)
        {
            throw new NotSupportedException($"Layer '{reader.GetName()}' (Normalization) normalizes along axis {config["axis"]!.ToJsonString()}; only the last axis (-1) is supported.");
        }

        var mean = reader.Has("mean") ? reader.GetNumbers("mean").Select(v => (float)v).ToArray() : null;
        var variance = reader.Has("variance") ? reader.GetNumbers("variance").Select(v => (float)v).ToArray() : null;
        return new Normalization(mean, variance, reader.GetBool("invert", false), reader.GetName());
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = new JsonArray(-1);
        config["invert"] = Invert;
        config["mean"] = fixedMean is null ? null : new JsonArray(fixedMean.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        config["variance"] = fixedVariance is null ? null : new JsonArray(fixedVariance.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        return config;
    }

    /// <summary>Computes the per-channel mean and variance over every image of a dataset, as Keras's <c>adapt</c>.</summary>
    /// <param name="data">The images; one full pass is read (it must not repeat forever).</param>
    /// <exception cref="ArgumentException">The dataset repeats forever or is empty.</exception>
    public void Adapt(Dataset<ImageBatch> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Cardinality == Dataset.InfiniteCardinality)
        {
            throw new ArgumentException("Normalization.Adapt needs a finite dataset; it received one that repeats forever.", nameof(data));
        }

        double[]? sum = null;
        double[]? sumOfSquares = null;
        long pixels = 0;
        foreach (var batch in data)
        {
            sum ??= new double[batch.Channels];
            sumOfSquares ??= new double[batch.Channels];
            var images = batch.Images;
            for (var i = 0; i < images.Length; i++)
            {
                var channel = i % batch.Channels;
                sum[channel] += images[i];
                sumOfSquares[channel] += (double)images[i] * images[i];
            }

            pixels += (long)batch.Count * batch.Height * batch.Width;
        }

        if (sum is null || pixels == 0)
        {
            throw new ArgumentException("Normalization.Adapt received an empty dataset.", nameof(data));
        }

        var means = sum.Select(s => s / pixels).ToArray();
        var variances = sumOfSquares!.Select((s, c) => Math.Max(0, s / pixels - means[c] * means[c])).ToArray();
        if (!Built)
        {
            Build(new Shape(null, null, null, sum.Length));
        }

        SetStatistics(means.Select(m => (float)m).ToArray(), variances.Select(v => (float)v).ToArray(), pixels);
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape)
    {
        var channels = inputShape[-1] ?? throw new ArgumentException(
            $"Layer \"{Name}\" (Normalization) needs a known channel count; received input shape {inputShape}.", nameof(inputShape));
        if (fixedMean is not null && fixedMean.Length != 1 && fixedMean.Length != channels)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Normalization) has {fixedMean.Length} means but the input has {channels} channels: {inputShape}.", nameof(inputShape));
        }
    }

    /// <inheritdoc/>
    protected override void BuildCore(Shape inputShape)
    {
        var channels = inputShape[-1]!.Value;
        mean = AddWeight("mean", [channels], new Constant(0, "Zeros"), trainable: false);
        variance = AddWeight("variance", [channels], new Constant(1, "Ones"), trainable: false);
        count = AddWeight("count", [], new Constant(0, "Zeros"), trainable: false);
        if (fixedMean is not null)
        {
            var means = fixedMean.Length == 1 ? Enumerable.Repeat(fixedMean[0], channels).ToArray() : fixedMean;
            var variances = fixedVariance!.Length == 1 ? Enumerable.Repeat(fixedVariance[0], channels).ToArray() : fixedVariance;
            SetStatistics(means, variances, 0);
        }
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        if (!IsAdapted && count!.GetValue()[0] == 0 && fixedMean is null)
        {
            throw new InvalidOperationException($"Layer \"{Name}\" (Normalization) has no statistics; call Adapt(data) or pass mean and variance.");
        }

        IsAdapted = true;
        var channels = mean!.Value.shape[0];
        long[] shape = x.dim() == 4 ? [1, channels, 1, 1] : [.. Enumerable.Repeat(1L, (int)x.dim() - 1), channels];
        var m = mean.Value.reshape(shape);
        var std = variance!.Value.sqrt().clamp_min(MinimumStandardDeviation).reshape(shape);
        return Invert ? x * std + m : (x - m) / std;
    }

    private void SetStatistics(float[] means, float[] variances, long pixelCount)
    {
        mean!.SetValue(means);
        variance!.SetValue(variances);
        count!.SetValue([pixelCount]);
        IsAdapted = true;
    }
}
