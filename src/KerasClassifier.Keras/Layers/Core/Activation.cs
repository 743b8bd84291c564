using System.Text.Json.Nodes;
using KerasClassifier.Keras.Activations;
using KerasClassifier.Keras.Saving.Serialization;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Layers;

/// <summary>Applies an activation function by name, as Keras's <c>Activation</c> layer.</summary>
public sealed class Activation : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Activation"/> class.</summary>
    /// <param name="activation">The activation name, e.g. <c>relu</c>.</param>
    /// <param name="name">The layer name.</param>
    public Activation(string activation, string? name = null)
        : base(name)
    {
        Function = ActivationFunctions.Validate(activation);
    }

    /// <summary>Gets the activation name.</summary>
    public string Function { get; }

    /// <summary>Creates the layer from its Keras config, as Keras's <c>from_config</c>.</summary>
    /// <param name="config">The <c>config</c> object of a saved layer, Keras 2 keys converted.</param>
    /// <returns>The layer, not yet built.</returns>
    public static Activation FromConfig(JsonObject config)
    {
        var reader = ConfigReader.ForLayer(config, nameof(Activation));
        return new Activation(reader.GetActivation(), reader.GetName());
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["activation"] = Function;
        return config;
    }

    internal override Tensor Call(Tensor x, bool training) => ActivationFunctions.Apply(Function, x);
}
