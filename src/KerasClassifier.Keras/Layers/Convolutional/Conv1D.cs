using System.Text.Json.Nodes;
using KerasClassifier.Keras.Activations;
using KerasClassifier.Keras.Initializers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>A 1D convolution over (batch, steps, channels) sequences, as Keras's <c>Conv1D</c>.</summary>
/// <example><c>var x = new Conv1D(16, 5, padding: "causal", activation: "relu").Apply(sequence);</c></example>
public sealed class Conv1D : Layer
{
    private KerasVariable? kernel;
    private KerasVariable? bias;

    /// <summary>Initializes a new instance of the <see cref="Conv1D"/> class.</summary>
    /// <param name="filters">The number of output channels; positive.</param>
    /// <param name="kernelSize">The kernel length; positive.</param>
    /// <param name="strides">The stride (default 1).</param>
    /// <param name="padding"><c>valid</c> (default), <c>same</c> (extra cell after, as TensorFlow) or <c>causal</c> (all padding before, so no output depends on later steps).</param>
    /// <param name="dilationRate">The dilation (default 1); stride and dilation above 1 cannot be combined.</param>
    /// <param name="groups">The number of channel groups (default 1).</param>
    /// <param name="activation">The activation name (default linear).</param>
    /// <param name="useBias">Whether to add a bias (default true).</param>
    /// <param name="kernelInitializer">The kernel initializer name (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">The bias initializer name (default <c>zeros</c>).</param>
    /// <param name="name">The layer name.</param>
    /// <param name="trainable">Whether training updates the variables.</param>
    public Conv1D(
        int filters,
        int kernelSize,
        int strides = 1,
        string padding = "valid",
        int dilationRate = 1,
        int groups = 1,
        string? activation = null,
        bool useBias = true,
        string kernelInitializer = "glorot_uniform",
        string biasInitializer = "zeros",
        string? name = null,
        bool trainable = true)
        : base(name, trainable)
    {
        if (filters <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(filters), filters, $"Invalid filters {filters} for Conv1D; expected a positive integer.");
        }

        if (groups <= 0 || filters % groups != 0)
        {
            throw new ArgumentException($"Invalid groups {groups} for Conv1D with {filters} filters; expected a positive divisor of filters.", nameof(groups));
        }

        Filters = filters;
        KernelSize = new Size2D(1, kernelSize).RequirePositive(nameof(kernelSize)).Width;
        Strides = new Size2D(1, strides).RequirePositive(nameof(strides)).Width;
        Padding = Layers.Padding.ValidateWithCausal(padding);
        DilationRate = new Size2D(1, dilationRate).RequirePositive(nameof(dilationRate)).Width;
        ConvolutionChecks.RequireStridesOrDilation(Strides, DilationRate, "Conv1D");
        Groups = groups;
        Activation = ActivationFunctions.Validate(activation);
        UseBias = useBias;
        KernelInitializer = Initializer.Get(kernelInitializer);
        BiasInitializer = Initializer.Get(biasInitializer);
    }

    /// <summary>Gets the number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Gets the kernel length.</summary>
    public int KernelSize { get; }

    /// <summary>Gets the stride.</summary>
    public int Strides { get; }

    /// <summary>Gets the padding mode.</summary>
    public string Padding { get; }

    /// <summary>Gets the dilation rate.</summary>
    public int DilationRate { get; }

    /// <summary>Gets the number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>Gets the activation name.</summary>
    public string Activation { get; }

    /// <summary>Gets a value indicating whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>Gets the kernel initializer.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>Gets the bias initializer.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The layer's <c>config</c> object.</param>
    /// <returns>The layer.</returns>
    public static Conv1D FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        LayerConfig.RequireChannelsLast(config, "Conv1D");
        return LayerConfig.WithBaseKeys(
            new Conv1D(
                LayerConfig.Get(config, "filters", 0),
                LayerConfig.Int1D(config, "kernel_size", 1),
                LayerConfig.Int1D(config, "strides", 1),
                LayerConfig.Get(config, "padding", "valid"),
                LayerConfig.Int1D(config, "dilation_rate", 1),
                LayerConfig.Get(config, "groups", 1),
                LayerConfig.Activation(config),
                LayerConfig.Get(config, "use_bias", true),
                InitializerConfig.NameFromJson(config["kernel_initializer"], "glorot_uniform"),
                InitializerConfig.NameFromJson(config["bias_initializer"], "zeros"),
                LayerConfig.Name(config)),
            config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        new(inputShape[0], Layers.Padding.OutputLength(inputShape[1], KernelSize, Strides, DilationRate, Padding), Filters);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        config["kernel_size"] = new JsonArray(KernelSize);
        config["strides"] = new JsonArray(Strides);
        config["padding"] = Padding;
        config["data_format"] = "channels_last";
        config["dilation_rate"] = new JsonArray(DilationRate);
        config["groups"] = Groups;
        config["activation"] = Activation;
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = InitializerConfig.ToJson(KernelInitializer);
        config["bias_initializer"] = InitializerConfig.ToJson(BiasInitializer);
        config["kernel_regularizer"] = null;
        config["bias_regularizer"] = null;
        config["activity_regularizer"] = null;
        config["kernel_constraint"] = null;
        config["bias_constraint"] = null;
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape)
    {
        ConvolutionChecks.RequireInput(this, inputShape, ComputeOutputShape(inputShape), 3, KernelSize.ToString(System.Globalization.CultureInfo.InvariantCulture), Padding);
        if (inputShape[-1]!.Value % Groups != 0)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Conv1D) has groups={Groups}, which must divide the input channels; received input shape {inputShape}.", nameof(inputShape));
        }
    }

    /// <inheritdoc/>
    protected override void BuildCore(Shape inputShape)
    {
        var channels = inputShape[-1]!.Value;
        kernel = AddWeight("kernel", [KernelSize, channels / Groups, Filters], KernelInitializer, true, VariableLayout.Conv1DKernel);
        if (UseBias)
        {
            bias = AddWeight("bias", [Filters], BiasInitializer);
        }
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        // Sequences stay (batch, steps, channels) in the backend; libtorch's conv1d wants (batch, channels, steps).
        var channelsFirst = ConvolutionPadding.Pad1D(x.transpose(1, 2), Padding, KernelSize, Strides, DilationRate);
        var y = F.conv1d(channelsFirst, kernel!.Value, bias?.Value, stride: Strides, dilation: DilationRate, groups: Groups);
        return ActivationFunctions.Apply(Activation, y.transpose(1, 2));
    }
}
