using System.Text.Json.Nodes;
using KerasClassifier.Keras.Activations;
using KerasClassifier.Keras.Initializers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// A depthwise convolution followed by a 1x1 (pointwise) convolution that mixes channels, as Keras's
/// <c>SeparableConv2D</c>. Variables: <c>depthwise_kernel</c>, <c>pointwise_kernel</c>, <c>bias</c>.
/// </summary>
/// <example><c>var x = new SeparableConv2D(64, 3, padding: "same", activation: "relu").Apply(inputs);</c></example>
public sealed class SeparableConv2D : Layer
{
    private KerasVariable? depthwiseKernel;
    private KerasVariable? pointwiseKernel;
    private KerasVariable? bias;

    /// <summary>Initializes a new instance of the <see cref="SeparableConv2D"/> class.</summary>
    /// <param name="filters">The number of output channels; positive.</param>
    /// <param name="kernelSize">The depthwise kernel height and width.</param>
    /// <param name="strides">The depthwise strides (default 1).</param>
    /// <param name="padding"><c>valid</c> (default) or <c>same</c>, applied to the depthwise step.</param>
    /// <param name="depthMultiplier">The depthwise filters per input channel (default 1).</param>
    /// <param name="dilationRate">The depthwise dilation (default 1).</param>
    /// <param name="activation">The activation name (default linear).</param>
    /// <param name="useBias">Whether to add a bias after the pointwise step (default true).</param>
    /// <param name="depthwiseInitializer">The depthwise kernel initializer name (default <c>glorot_uniform</c>).</param>
    /// <param name="pointwiseInitializer">The pointwise kernel initializer name (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">The bias initializer name (default <c>zeros</c>).</param>
    /// <param name="name">The layer name.</param>
    /// <param name="trainable">Whether training updates the variables.</param>
    public SeparableConv2D(
        int filters,
        Size2D kernelSize,
        Size2D? strides = null,
        string padding = "valid",
        int depthMultiplier = 1,
        Size2D? dilationRate = null,
        string? activation = null,
        bool useBias = true,
        string depthwiseInitializer = "glorot_uniform",
        string pointwiseInitializer = "glorot_uniform",
        string biasInitializer = "zeros",
        string? name = null,
        bool trainable = true)
        : base(name, trainable)
    {
        if (filters <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(filters), filters, $"Invalid filters {filters} for SeparableConv2D; expected a positive integer.");
        }

        if (depthMultiplier <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(depthMultiplier), depthMultiplier, "Invalid depthMultiplier for SeparableConv2D; expected a positive integer.");
        }

        Filters = filters;
        KernelSize = kernelSize.RequirePositive(nameof(kernelSize));
        Strides = (strides ?? 1).RequirePositive(nameof(strides));
        Padding = Layers.Padding.Validate(padding);
        DepthMultiplier = depthMultiplier;
        DilationRate = (dilationRate ?? 1).RequirePositive(nameof(dilationRate));
        ConvolutionChecks.RequireStridesOrDilation(Strides, DilationRate, "SeparableConv2D");
        Activation = ActivationFunctions.Validate(activation);
        UseBias = useBias;
        DepthwiseInitializer = Initializer.Get(depthwiseInitializer);
        PointwiseInitializer = Initializer.Get(pointwiseInitializer);
        BiasInitializer = Initializer.Get(biasInitializer);
    }

    /// <summary>Gets the number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Gets the depthwise kernel size.</summary>
    public Size2D KernelSize { get; }

    /// <summary>Gets the strides.</summary>
    public Size2D Strides { get; }

    /// <summary>Gets the padding mode.</summary>
    public string Padding { get; }

    /// <summary>Gets the depthwise filters per input channel.</summary>
    public int DepthMultiplier { get; }

    /// <summary>Gets the dilation rate.</summary>
    public Size2D DilationRate { get; }

    /// <summary>Gets the activation name.</summary>
    public string Activation { get; }

    /// <summary>Gets a value indicating whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>Gets the depthwise kernel initializer.</summary>
    public Initializer DepthwiseInitializer { get; }

    /// <summary>Gets the pointwise kernel initializer.</summary>
    public Initializer PointwiseInitializer { get; }

    /// <summary>Gets the bias initializer.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static SeparableConv2D FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        LayerConfig.RequireChannelsLast(config, "SeparableConv2D");
        return LayerConfig.WithBaseKeys(
            new SeparableConv2D(
                LayerConfig.Get(config, "filters", 0),
                LayerConfig.Size(config, "kernel_size", 3),
                LayerConfig.Size(config, "strides", 1),
                LayerConfig.Get(config, "padding", "valid"),
                LayerConfig.Get(config, "depth_multiplier", 1),
                LayerConfig.Size(config, "dilation_rate", 1),
                LayerConfig.Activation(config),
                LayerConfig.Get(config, "use_bias", true),
                InitializerConfig.NameFromJson(config["depthwise_initializer"], "glorot_uniform"),
                InitializerConfig.NameFromJson(config["pointwise_initializer"], "glorot_uniform"),
                InitializerConfig.NameFromJson(config["bias_initializer"], "zeros"),
                LayerConfig.Name(config)),
            config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(
        inputShape[0],
        Layers.Padding.OutputLength(inputShape[1], KernelSize.Height, Strides.Height, DilationRate.Height, Padding),
        Layers.Padding.OutputLength(inputShape[2], KernelSize.Width, Strides.Width, DilationRate.Width, Padding),
        Filters);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        config["kernel_size"] = KernelSize.ToJson();
        config["strides"] = Strides.ToJson();
        config["padding"] = Padding;
        config["data_format"] = "channels_last";
        config["depth_multiplier"] = DepthMultiplier;
        config["dilation_rate"] = DilationRate.ToJson();
        config["activation"] = Activation;
        config["use_bias"] = UseBias;
        config["depthwise_initializer"] = InitializerConfig.ToJson(DepthwiseInitializer);
        config["pointwise_initializer"] = InitializerConfig.ToJson(PointwiseInitializer);
        config["bias_initializer"] = InitializerConfig.ToJson(BiasInitializer);
        config["depthwise_regularizer"] = null;
        config["pointwise_regularizer"] = null;
        config["bias_regularizer"] = null;
        config["activity_regularizer"] = null;
        config["depthwise_constraint"] = null;
        config["pointwise_constraint"] = null;
        config["bias_constraint"] = null;
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape) =>
        ConvolutionChecks.RequireImageInput(this, inputShape, ComputeOutputShape(inputShape), KernelSize, Padding);

    /// <inheritdoc/>
    protected override void BuildCore(Shape inputShape)
    {
        var channels = inputShape[-1]!.Value;
        depthwiseKernel = AddWeight(
            "depthwise_kernel",
            [KernelSize.Height, KernelSize.Width, channels, DepthMultiplier],
            DepthwiseInitializer,
            true,
            VariableLayout.DepthwiseKernel(DepthMultiplier));
        pointwiseKernel = AddWeight("pointwise_kernel", [1, 1, channels * DepthMultiplier, Filters], PointwiseInitializer, true, VariableLayout.Conv2DKernel);
        if (UseBias)
        {
            bias = AddWeight("bias", [Filters], BiasInitializer);
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

        var depthwise = F.conv2d(
            x,
            depthwiseKernel!.Value,
            strides: [Strides.Height, Strides.Width],
            padding: padding,
            dilation: [DilationRate.Height, DilationRate.Width],
            groups: channels);
        var y = F.conv2d(depthwise, pointwiseKernel!.Value, bias?.Value);
        return ActivationFunctions.Apply(Activation, y);
    }
}
