using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Saving.Serialization;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Rotates each image by a random angle during training, as Keras's <c>RandomRotation</c>.</summary>
public sealed class RandomRotation : RandomLayer
{
    private readonly GridSampleMode mode;
    private readonly GridSamplePaddingMode padding;

    /// <summary>Initializes a new instance of the <see cref="RandomRotation"/> class.</summary>
    /// <param name="factor">A fraction of a full turn: f gives angles in [-f·2π, f·2π]; a pair (low, high) gives [low·2π, high·2π].</param>
    /// <param name="fillMode">How to fill points outside the image: <c>reflect</c> (default), <c>nearest</c> or <c>constant</c> (zeros).</param>
    /// <param name="interpolation"><c>bilinear</c> (default) or <c>nearest</c>.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="name">The layer name.</param>
    public RandomRotation(double[] factor, string fillMode = "reflect", string interpolation = "bilinear", int? seed = null, string? name = null)
        : base(seed, name)
    {
        (Lower, Upper) = ParseFactor(factor, nameof(factor), limit: 1);
        padding = AffineSampler.ParseFillMode(fillMode);
        mode = AffineSampler.ParseInterpolation(interpolation);
        FillMode = fillMode;
        Interpolation = interpolation;
    }

    /// <summary>Initializes a new instance of the <see cref="RandomRotation"/> class with a symmetric range.</summary>
    /// <param name="factor">A fraction of a full turn: angles are drawn from [-factor·2π, factor·2π].</param>
    /// <param name="seed">The seed.</param>
    public RandomRotation(double factor, int? seed = null)
        : this([factor], seed: seed)
    {
    }

    /// <summary>Gets the lower bound, as a fraction of a full turn.</summary>
    public double Lower { get; }

    /// <summary>Gets the upper bound, as a fraction of a full turn.</summary>
    public double Upper { get; }

    /// <summary>Gets the fill mode.</summary>
    public string FillMode { get; }

    /// <summary>Gets the interpolation.</summary>
    public string Interpolation { get; }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer.</param>
    /// <returns>The layer, not yet built.</returns>
    public static RandomRotation FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(RandomRotation));
        reader.RequireChannelsLast();
        return new RandomRotation(
            reader.GetNumbers("factor"),
            reader.GetOptionalString("fill_mode") ?? "reflect",
            reader.GetOptionalString("interpolation") ?? "bilinear",
            reader.GetOptionalInt("seed"),
            reader.GetName());
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["factor"] = new JsonArray(Lower, Upper);
        config["fill_mode"] = FillMode;
        config["interpolation"] = Interpolation;
        config["fill_value"] = 0.0;
        config["data_format"] = "channels_last";
        return config;
    }

    private protected override Tensor Augment(Tensor x)
    {
        var batch = x.shape[0];
        var height = (double)x.shape[2];
        var width = (double)x.shape[3];
        var angle = Uniform([batch], Lower * 2 * Math.PI, Upper * 2 * Math.PI, x.device);
        var cos = angle.cos();
        var sin = angle.sin();
        var zero = zeros_like(angle);

        // Rotation in pixel space, expressed in normalised coordinates whose axes differ in scale when H != W.
        var theta = stack([cos, ScalarOps.Multiply(sin, -height / width), zero, ScalarOps.Multiply(sin, width / height), cos, zero], 1).reshape(batch, 2, 3);
        return AffineSampler.Apply(x, theta, mode, padding);
    }
}
