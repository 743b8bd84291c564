using System.Text.Json.Nodes;
using KerasClassifier.Keras.Activations;
using KerasClassifier.Keras.Initializers;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>A 2D convolution over channels_last images, as Keras's <c>Conv2D</c>.</summary>
/// <example>
/// <code>
/// var conv = new Conv2D(filters: 32, kernelSize: 3, padding: "same", activation: "relu");
/// </code>
/// </example>
public sealed class Conv2D : Layer
{
    private KerasVariable? kernel;
    private KerasVariable? bias;

    /// <summary>Initializes a new instance of the <see cref="Conv2D"/> class.</summary>
    /// <param name="filters">The number of output channels; positive.</param>
    /// <param name="kernelSize">The kernel height and width.</param>
    /// <param name="strides">The strides (default 1).</param>
    /// <param name="padding"><c>valid</c> (default) or <c>same</c>; <c>same</c> pads the extra cell after, as TensorFlow does.</param>
    /// <param name="dilationRate">The dilation (default 1); strides and dilation above 1 cannot be combined, as in Keras.</param>
    /// <param name="groups">The number of channel groups (default 1).</param>
    /// <param name="activation">The activation name (default linear).</param>
    /// <param name="useBias">Whether to add a bias (default true).</param>
    /// <param name="kernelInitializer">The kernel initializer name (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">The bias initializer name (default <c>zeros</c>).</param>
    /// <param name="name">The layer name.</param>
    /// <param name="trainable">Whether training updates the variables.</param>
    public Conv2D(
        int filters,
        Size2D kernelSize,
        Size2D? strides = null,
        string padding = "valid",
        Size2D? dilationRate = null,
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
            throw new ArgumentOutOfRangeException(nameof(filters), filters, $"Invalid filters {filters} for Conv2D; expected a positive integer.");
        }

        if (groups <= 0 || filters % groups != 0)
        {
            throw new ArgumentException($"Invalid groups {groups} for Conv2D with {filters} filters; expected a positive divisor of filters.", nameof(groups));
        }

        Filters = filters;
        KernelSize = kernelSize.RequirePositive(nameof(kernelSize));
        Strides = (strides ?? 1).RequirePositive(nameof(strides));
        Padding = Layers.Padding.Validate(padding);
        DilationRate = (dilationRate ?? 1).RequirePositive(nameof(dilationRate));
        if ((Strides.Height > 1 || Strides.Width > 1) && (DilationRate.Height > 1 || DilationRate.Width > 1))
        {
            throw new ArgumentException($"Conv2D strides {Strides} and dilationRate {DilationRate} cannot both exceed 1.", nameof(dilationRate));
        }

        Groups = groups;
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

    /// <summary>Gets the padding mode, <c>valid</c> or <c>same</c>.</summary>
    public string Padding { get; }

    /// <summary>Gets the dilation rate.</summary>
    public Size2D DilationRate { get; }

    /// <summary>Gets the number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>Gets the activation name.</summary>
    public string Activation { get; }

    /// <summary>Gets a value indicating whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>Gets the kernel initializer.</summary>
    public Initializer KernelInitializer { get; private init; }

    /// <summary>Gets the bias initializer.</summary>
    public Initializer BiasInitializer { get; private init; }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer, Keras 2 keys converted.</param>
    /// <returns>The layer, not yet built.</returns>
    public static Conv2D FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(Conv2D));
        reader.RequireChannelsLast();
        return new Conv2D(
            reader.GetInt("filters"),
            reader.GetSize2D("kernel_size", default),
            reader.GetSize2D("strides", 1),
            reader.GetPadding(),
            reader.GetSize2D("dilation_rate", 1),
            reader.GetInt("groups", 1),
            reader.GetActivation(),
            reader.GetBool("use_bias", true),
            name: reader.GetName())
        {
            KernelInitializer = reader.GetInitializer("kernel_initializer", "glorot_uniform"),
            BiasInitializer = reader.GetInitializer("bias_initializer", "zeros"),
        };
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var height = Layers.Padding.OutputLength(inputShape[1], KernelSize.Height, Strides.Height, DilationRate.Height, Padding);
        var width = Layers.Padding.OutputLength(inputShape[2], KernelSize.Width, Strides.Width, DilationRate.Width, Padding);
        return new Shape(inputShape[0], height, width, Filters);
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        config["kernel_size"] = KernelSize.ToJson();
        config["strides"] = Strides.ToJson();
        config["padding"] = Padding;
        config["data_format"] = "channels_last";
        config["dilation_rate"] = DilationRate.ToJson();
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
        RequireRank(inputShape, 4);
        var channels = inputShape[-1] ?? throw new ArgumentException(
            $"Layer \"{Name}\" (Conv2D) needs a known channel count; received input shape {inputShape}.", nameof(inputShape));
        if (channels % Groups != 0)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Conv2D) has groups={Groups}, which must divide the input channels; received input shape {inputShape}.", nameof(inputShape));
        }

        var output = ComputeOutputShape(inputShape);
        if (output[1] == 0 || output[2] == 0)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Conv2D) with kernel {KernelSize} and padding '{Padding}' gives an empty output for input shape {inputShape}; use a larger input or padding='same'.",
                nameof(inputShape));
        }
    }

    /// <inheritdoc/>
    protected override void BuildCore(Shape inputShape)
    {
        var channels = inputShape[-1]!.Value;
        kernel = AddWeight("kernel", [KernelSize.Height, KernelSize.Width, channels / Groups, Filters], KernelInitializer, true, VariableLayout.Conv2DKernel);
        if (UseBias)
        {
            bias = AddWeight("bias", [Filters], BiasInitializer);
        }
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        long[] padding = [0, 0];
        if (Padding == "same")
        {
            var (top, bottom) = Layers.Padding.Same((int)x.shape[2], KernelSize.Height, Strides.Height, DilationRate.Height);
            var (left, right) = Layers.Padding.Same((int)x.shape[3], KernelSize.Width, Strides.Width, DilationRate.Width);
            if (top == bottom && left == right)
            {
                padding = [top, left];
            }
            else
            {
                x = F.pad(x, [left, right, top, bottom]);
            }
        }

        var y = F.conv2d(
            x,
            kernel!.Value,
            bias?.Value,
            strides: [Strides.Height, Strides.Width],
            padding: padding,
            dilation: [DilationRate.Height, DilationRate.Width],
            groups: Groups);
        return ActivationFunctions.Apply(Activation, y);
    }
}
