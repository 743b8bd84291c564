using System.Text.Json.Nodes;
using KerasClassifier.Keras.Layers;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Applications;

/// <summary>
/// Converts RGB pixel values of 0 to 255 to the input that Caffe-style ImageNet weights expect: the
/// channels reordered to BGR, then a per-channel mean subtracted, without scaling. It is the layer
/// form of Keras's <c>preprocess_input</c> in <c>caffe</c> mode, for models that take raw photos.
/// </summary>
public sealed class CaffePreprocessing : Layer
{
    /// <summary>Initializes a new instance of the <see cref="CaffePreprocessing"/> class.</summary>
    /// <param name="meanBgr">The means subtracted from the blue, green and red channels, in that order.</param>
    /// <param name="name">The layer name.</param>
    public CaffePreprocessing(double[] meanBgr, string? name = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(meanBgr);
        if (meanBgr.Length != 3 || meanBgr.Any(m => !double.IsFinite(m)))
        {
            throw new ArgumentException($"Invalid meanBgr [{string.Join(", ", meanBgr)}]; expected three finite values (blue, green, red).", nameof(meanBgr));
        }

        MeanBgr = (double[])meanBgr.Clone();
    }

    /// <summary>Gets the means subtracted from the blue, green and red channels.</summary>
    public IReadOnlyList<double> MeanBgr { get; }

    /// <summary>Creates the layer from the config that <see cref="GetConfig"/> writes.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static CaffePreprocessing FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var means = config["mean_bgr"]?.AsArray().Select(m => m!.GetValue<double>()).ToArray() ?? [.. ResNet18.MeanBgr];
        return LayerConfig.WithBaseKeys(new CaffePreprocessing(means, LayerConfig.Name(config)), config);
    }

    /// <summary>Applies the conversion to an array, as Keras's <c>preprocess_input</c> in <c>caffe</c> mode.</summary>
    /// <param name="x">Images, channels_last, last axis of size 3 in RGB order.</param>
    /// <param name="meanBgr">The means of the blue, green and red channels.</param>
    /// <returns>A new array: the channels in BGR order minus the means.</returns>
    /// <exception cref="ArgumentException">The last axis is not 3.</exception>
    internal static NDArray Apply(NDArray x, IReadOnlyList<double> meanBgr)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Length == 0 || x.Shape[^1] != 3)
        {
            throw new ArgumentException($"Invalid input shape ({string.Join(", ", x.Shape)}) for PreprocessInput; expected RGB images with a last axis of 3.", nameof(x));
        }

        var source = x.Data;
        var result = new float[source.Length];
        for (var i = 0; i < source.Length; i += 3)
        {
            result[i] = (float)(source[i + 2] - meanBgr[0]);
            result[i + 1] = (float)(source[i + 1] - meanBgr[1]);
            result[i + 2] = (float)(source[i] - meanBgr[2]);
        }

        return new NDArray(result, x.Shape);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["mean_bgr"] = new JsonArray(MeanBgr.Select(m => (JsonNode?)m).ToArray());
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape)
    {
        RequireRank(inputShape, 4);
        if (inputShape[-1] != 3)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (CaffePreprocessing) needs RGB input with 3 channels; received input shape {inputShape}.", nameof(inputShape));
        }
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        // Rank-4 tensors are NCHW in the backend, so channels are axis 1.
        using var mean = tensor(MeanBgr.Select(m => (float)m).ToArray(), [1, 3, 1, 1]).to(x.device);
        return x.flip(1) - mean;
    }
}
