using System.Text.Json.Nodes;
using KerasClassifier.Keras.Activations;
using KerasClassifier.Keras.Initializers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// A transposed 2D convolution (the gradient of a convolution, often called deconvolution), as Keras's
/// <c>Conv2DTranspose</c>. Output sizes follow Keras: <c>input * stride</c> for <c>same</c>,
/// <c>input * stride + max(kernel - stride, 0)</c> for <c>valid</c>.
/// </summary>
/// <remarks>The kernel keeps Keras's (kh, kw, filters, in) layout in files. Keras's <c>output_padding</c> is not supported.</remarks>
/// <example><c>var up = new Conv2DTranspose(32, 3, strides: 2, padding: "same").Apply(x);</c></example>
public sealed class Conv2DTranspose : Layer
{
    private KerasVariable? kernel;
    private KerasVariable? bias;

    /// <summary>Initializes a new instance of the <see cref="Conv2DTranspose"/> class.</summary>
    /// <param name="filters">The number of output channels; positive.</param>
    /// <param name="kernelSize">The kernel height and width.</param>
    /// <param name="strides">The strides (default 1).</param>
    /// <param name="padding"><c>valid</c> (default) or <c>same</c>.</param>
    /// <param name="dilationRate">The dilation (default 1).</param>
    /// <param name="activation">The activation name (default linear).</param>
    /// <param name="useBias">Whether to add a bias (default true).</param>
    /// <param name="kernelInitializer">The kernel initializer name (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">The bias initializer name (default <c>zeros</c>).</param>
    /// <param name="name">The layer name.</param>
    /// <param name="trainable">Whether training updates the variables.</param>
    public Conv2DTranspose(
        int filters,
        Size2D kernelSize,
        Size2D? strides = null,
        string padding = "valid",
        Size2D? dilationRate = null,
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
            throw new ArgumentOutOfRangeException(nameof(filters), filters, $"Invalid filters {filters} for Conv2DTranspose; expected a positive integer.");
        }

        Filters = filters;
        KernelSize = kernelSize.RequirePositive(nameof(kernelSize));
        Strides = (strides ?? 1).RequirePositive(nameof(strides));
        Padding = Layers.Padding.Validate(padding);
        DilationRate = (dilationRate ?? 1).RequirePositive(nameof(dilationRate));
        ConvolutionChecks.RequireStridesOrDilation(Strides, DilationRate, "Conv2DTranspose");
        Activation = ActivationFunctions.Validate(activation);
        UseBias = useBias;
        KernelInitializer = Initializer.Get(kernelInitializer);
        BiasInitializer = Initializer.Get(biasInitializer);
    }

    /// <summary>Gets the number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Gets the kernel size.</summary>
    public Size2D KernelSize { get; }

    /// <summary>Gets the strides.</summary>
    public Size2D Strides { get; }

    /// <summary>Gets the padding mode.</summary>
    public string Padding { get; }

    /// <summary>Gets the dilation rate.</summary>
    public Size2D DilationRate { get; }

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
    /// <exception cref="NotSupportedException">The config sets <c>output_padding</c> or <c>data_format</c> channels_first.</exception>
    public static Conv2DTranspose FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        LayerConfig.RequireChannelsLast(config, "Conv2DTranspose");
        if (config["output_padding"] is not null)
        {
            throw new NotSupportedException($"Conv2DTranspose config sets output_padding {config["output_padding"]!.ToJsonString()}; only null is supported.");
        }

        return LayerConfig.WithBaseKeys(
            new Conv2DTranspose(
                LayerConfig.Get(config, "filters", 0),
                LayerConfig.Size(config, "kernel_size", 3),
                LayerConfig.Size(config, "strides", 1),
                LayerConfig.Get(config, "padding", "valid"),
                LayerConfig.Size(config, "dilation_rate", 1),
                LayerConfig.Activation(config),
                LayerConfig.Get(config, "use_bias", true),
                InitializerConfig.NameFromJson(config["kernel_initializer"], "glorot_uniform"),
                InitializerConfig.NameFromJson(config["bias_initializer"], "zeros"),
                LayerConfig.Name(config)),
            config);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(
        inputShape[0],
        OutputLength(inputShape[1], KernelSize.Height, Strides.Height, DilationRate.Height),
        OutputLength(inputShape[2], KernelSize.Width, Strides.Width, DilationRate.Width),
        Filters);

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        config["kernel_size"] = KernelSize.ToJson();
        config["strides"] = Strides.ToJson();
        config["padding"] = Padding;
        config["output_padding"] = null;
        config["data_format"] = "channels_last";
        config["dilation_rate"] = DilationRate.ToJson();
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
    protected override void ValidateInputShape(Shape inputShape) =>
        ConvolutionChecks.RequireImageInput(this, inputShape, ComputeOutputShape(inputShape), KernelSize, Padding);

    /// <inheritdoc/>
    protected override void BuildCore(Shape inputShape)
    {
        var channels = inputShape[-1]!.Value;
        kernel = AddWeight("kernel", [KernelSize.Height, KernelSize.Width, Filters, channels], KernelInitializer, true, VariableLayout.Conv2DTransposeKernel);
        if (UseBias)
        {
            bias = AddWeight("bias", [Filters], BiasInitializer);
        }
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        var height = (int)x.shape[2];
        var width = (int)x.shape[3];

        // The full transposed convolution, then the crop (or zero fill) that gives TensorFlow's output window.
        var full = F.conv_transpose2d(
            x,
            kernel!.Value,
            strides: [Strides.Height, Strides.Width],
            dilation: [DilationRate.Height, DilationRate.Width]);
        var y = Window(full, 2, height, KernelSize.Height, Strides.Height, DilationRate.Height);
        y = Window(y, 3, width, KernelSize.Width, Strides.Width, DilationRate.Width);
        if (bias is not null)
        {
            y = y + bias.Value.reshape(1, -1, 1, 1);
        }

        return ActivationFunctions.Apply(Activation, y);
    }

    private int? OutputLength(int? input, int kernelSize, int stride, int dilation)
    {
        if (input is null)
        {
            return null;
        }

        var effective = (kernelSize - 1) * dilation + 1;
        return Padding == "same" ? input.Value * stride : input.Value * stride + Math.Max(effective - stride, 0);
    }

    /// <summary>Takes Keras's output length along one axis: skips the "same" padding before, pads zeros after when the full output is short.</summary>
    private Tensor Window(Tensor full, int axis, int input, int kernelSize, int stride, int dilation)
    {
        var length = OutputLength(input, kernelSize, stride, dilation)!.Value;
        var effective = (kernelSize - 1) * dilation + 1;
        var before = Padding == "same" ? Math.Max(effective - stride, 0) / 2 : 0;
        var available = (int)full.shape[axis];
        if (available < before + length)
        {
            long[] pad = axis == 3 ? [0, before + length - available, 0, 0] : [0, 0, 0, before + length - available];
            full = F.pad(full, pad);
        }

        return full.narrow(axis, before, length);
    }
}
