using System.Text.Json.Nodes;
using KerasClassifier.Keras.Activations;
using KerasClassifier.Keras.Initializers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// A depthwise 2D convolution: each input channel is convolved with its own <c>depthMultiplier</c>
/// filters, as Keras's <c>DepthwiseConv2D</c>. Output channel <c>c * depthMultiplier + m</c> comes from
/// input channel <c>c</c>.
/// </summary>
/// <example><c>var x = new DepthwiseConv2D(3, padding: "same", useBias: false).Apply(inputs);</c></example>
public sealed class DepthwiseConv2D : Layer
{
    private KerasVariable? kernel;
    private KerasVariable? bias;

    /// <summary>Initializes a new instance of the <see cref="DepthwiseConv2D"/> class.</summary>
    /// <param name="kernelSize">The kernel height and width.</param>
    /// <param name="strides">The strides (default 1).</param>
    /// <param name="padding"><c>valid</c> (default) or <c>same</c>; <c>same</c> pads the extra cell after, as TensorFlow does.</param>
    /// <param name="depthMultiplier">The filters per input channel (default 1); positive.</param>
    /// <param name="dilationRate">The dilation (default 1); strides and dilation above 1 cannot be combined.</param>
    /// <param name="activation">The activation name (default linear).</param>
    /// <param name="useBias">Whether to add a bias (default true).</param>
    /// <param name="depthwiseInitializer">The kernel initializer name (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">The bias initializer name (default <c>zeros</c>).</param>
    /// <param name="name">The layer name.</param>
    /// <param name="trainable">Whether training updates the variables.</param>
    public DepthwiseConv2D(
        Size2D kernelSize,
        Size2D? strides = null,
        string padding = "valid",
        int depthMultiplier = 1,
        Size2D? dilationRate = null,
        string? activation = null,
        bool useBias = true,
        string depthwiseInitializer = "glorot_uniform",
        string biasInitializer = "zeros",
        string? name = null,
        bool trainable = true)
        : base(name, trainable)
    {
        if (depthMultiplier <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(depthMultiplier), depthMultiplier, "Invalid depthMultiplier for DepthwiseConv2D; expected a positive integer.");
        }

        KernelSize = kernelSize.RequirePositive(nameof(kernelSize));
        Strides = (strides ?? 1).RequirePositive(nameof(strides));
        Padding = Layers.Padding.Validate(padding);
        DepthMultiplier = depthMultiplier;
        DilationRate = (dilationRate ?? 1).RequirePositive(nameof(dilationRate));
        ConvolutionChecks.RequireStridesOrDilation(Strides, DilationRate, "DepthwiseConv2D");
        Activation = ActivationFunctions.Validate(activation);
        UseBias = useBias;
        DepthwiseInitializer = Initializer.Get(depthwiseInitializer);
        BiasInitializer = Initializer.Get(biasInitializer);
    }

    /// <summary>Gets the kernel size.</summary>
    public Size2D KernelSize { get; }

    /// <summary>Gets the strides.</summary>
    public Size2D Strides { get; }

    /// <summary>Gets the padding mode.</summary>
    public string Padding { get; }

    /// <summary>Gets the filters per input channel.</summary>
    public int DepthMultiplier { get; }

    /// <summary>Gets the dilation rate.</summary>
    public Size2D DilationRate { get; }

    /// <summary>Gets the activation name.</summary>
    public string Activation { get; }

    /// <summary>Gets a value indicating whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>Gets the kernel initializer.</summary>
    public Initializer DepthwiseInitializer { get; }

    /// <summary>Gets the bias initializer.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static DepthwiseConv2D FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        LayerConfig.RequireChannelsLast(config, "DepthwiseConv2D");
        return LayerConfig.WithBaseKeys(
            new DepthwiseConv2D(
                LayerConfig.Size(config, "kernel_size", 3),
                LayerConfig.Size(config, "strides", 1),
                LayerConfig.Get(config, "padding", "valid"),
                LayerConfig.Get(config, "depth_multiplier", 1),
                LayerConfig.Size(config, "dilation_rate", 1),
                LayerConfig.Activation(config),
                LayerConfig.Get(config, "use_bias", true),
                InitializerConfig.NameFromJson(config["depthwise_initializer"], "glorot_uniform"),
                InitializerConfig.NameFromJson(config["bias_initializer"], "zeros"),
                LayerConfig.Name(config)),
            config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(
        inputShape[0],
        Layers.Padding.OutputLength(inputShape[1], KernelSize.Height, Strides.Height, DilationRate.Height, Padding),
        Layers.Padding.OutputLength(inputShape[2], KernelSize.Width, Strides.Width, DilationRate.Width, Padding),
        inputShape[3] * DepthMultiplier);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["kernel_size"] = KernelSize.ToJson();
        config["strides"] = Strides.ToJson();
        config["padding"] = Padding;
        config["data_format"] = "channels_last";
        config["dilation_rate"] = DilationRate.ToJson();
        config["activation"] = Activation;
        config["use_bias"] = UseBias;
        config["bias_initializer"] = InitializerConfig.ToJson(BiasInitializer);
        config["bias_regularizer"] = null;
        config["activity_regularizer"] = null;
        config["bias_constraint"] = null;
        config["depth_multiplier"] = DepthMultiplier;
        config["depthwise_initializer"] = InitializerConfig.ToJson(DepthwiseInitializer);
        config["depthwise_regularizer"] = null;
        config["depthwise_constraint"] = null;
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) =>
        ConvolutionChecks.RequireImageInput(this, inputShape, ComputeOutputShape(inputShape), KernelSize, Padding);

    /// <inheritdoc/>
    protected override void BuildCore(Shape inputShape)
    {
        var channels = inputShape[-1]!.Value;
        kernel = AddWeight(
            "depthwise_kernel",
            [KernelSize.Height, KernelSize.Width, channels, DepthMultiplier],
            DepthwiseInitializer,
            true,
            VariableLayout.DepthwiseKernel(DepthMultiplier));
        if (UseBias)
        {
            bias = AddWeight("bias", [channels * DepthMultiplier], BiasInitializer);
        }
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        var channels = x.shape[1];
        long[] padding = [0, 0];
        if (Padding == "same")
        {
            (x, padding) = ConvolutionPadding.Same2D(x, KernelSize, Strides, DilationRate);
        }

        var y = F.conv2d(
            x,
            kernel!.Value,
            bias?.Value,
            strides: [Strides.Height, Strides.Width],
            padding: padding,
            dilation: [DilationRate.Height, DilationRate.Width],
            groups: channels);
        return ActivationFunctions.Apply(Activation, y);
    }
}
