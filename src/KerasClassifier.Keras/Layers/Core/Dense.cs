using System.Text.Json.Nodes;
using KerasClassifier.Keras.Activations;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Initializers;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>A densely connected layer, <c>activation(dot(input, kernel) + bias)</c>, as Keras's <c>Dense</c>.</summary>
/// <remarks>On inputs of rank above 2 it acts on the last (channels) axis, as in Keras.</remarks>
public sealed class Dense : Layer
{
    private KerasVariable? kernel;
    private KerasVariable? bias;

    /// <summary>Initializes a new instance of the <see cref="Dense"/> class.</summary>
    /// <param name="units">The output size; positive.</param>
    /// <param name="activation">The activation name (default linear).</param>
    /// <param name="useBias">Whether to add a bias (default true).</param>
    /// <param name="kernelInitializer">The kernel initializer name (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">The bias initializer name (default <c>zeros</c>).</param>
    /// <param name="name">The layer name.</param>
    /// <param name="trainable">Whether training updates the variables.</param>
    public Dense(
        int units,
        string? activation = null,
        bool useBias = true,
        string kernelInitializer = "glorot_uniform",
        string biasInitializer = "zeros",
        string? name = null,
        bool trainable = true)
        : base(name, trainable)
    {
        if (units <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, $"Invalid units {units} for Dense; expected a positive integer.");
        }

        Units = units;
        Activation = ActivationFunctions.Validate(activation);
        UseBias = useBias;
        KernelInitializer = Initializer.Get(kernelInitializer);
        BiasInitializer = Initializer.Get(biasInitializer);
    }

    /// <summary>Gets the output size.</summary>
    public int Units { get; }

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
    public static Dense FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(Dense));
        return new Dense(reader.GetInt("units"), reader.GetActivation(), reader.GetBool("use_bias", true), name: reader.GetName())
        {
            KernelInitializer = reader.GetInitializer("kernel_initializer", "glorot_uniform"),
            BiasInitializer = reader.GetInitializer("bias_initializer", "zeros"),
        };
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var dims = inputShape.Dims;
        dims[^1] = Units;
        return new Shape(dims);
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["units"] = Units;
        config["activation"] = Activation;
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = InitializerConfig.ToJson(KernelInitializer);
        config["bias_initializer"] = InitializerConfig.ToJson(BiasInitializer);
        config["kernel_regularizer"] = null;
        config["bias_regularizer"] = null;
        config["kernel_constraint"] = null;
        config["bias_constraint"] = null;
        return config;
    }

    /// <inheritdoc/>
    protected override void ValidateInputShape(Shape inputShape)
    {
        if (inputShape.Rank < 2 || inputShape[-1] is null)
        {
            throw new ArgumentException(
                $"Input 0 of layer \"{Name}\" (Dense) is incompatible with the layer: expected min_ndim=2 with a known last axis. Full shape received: {inputShape}.",
                nameof(inputShape));
        }
    }

    /// <inheritdoc/>
    protected override void BuildCore(Shape inputShape)
    {
        // The kernel keeps Keras's (in, out) layout so files need no transpose and matmul needs none either.
        kernel = AddWeight("kernel", [inputShape[-1]!.Value, Units], KernelInitializer);
        if (UseBias)
        {
            bias = AddWeight("bias", [Units], BiasInitializer);
        }
    }

    internal override Tensor Call(Tensor x, bool training)
    {
        var channelsLast = x.dim() == 4;
        if (channelsLast)
        {
            x = TensorLayout.ToChannelsLast(x);
        }

        var y = bias is not null && x.dim() == 2 ? addmm(bias.Value, x, kernel!.Value, 1, 1) : x.matmul(kernel!.Value);
        if (bias is not null && x.dim() != 2)
        {
            y = y + bias.Value;
        }

        y = ActivationFunctions.Apply(Activation, y);
        return channelsLast ? TensorLayout.FromChannelsLast(y) : y;
    }
}
