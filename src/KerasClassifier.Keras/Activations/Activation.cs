using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Activations;

/// <summary>Activation functions by their Keras names (<c>relu</c>, <c>softmax</c>...).</summary>
public static class ActivationFunctions
{
    private static readonly Dictionary<string, Func<Tensor, Tensor>> Functions = new(StringComparer.Ordinal)
    {
        ["linear"] = x => x,
        ["relu"] = x => F.relu(x),
        ["relu6"] = x => F.relu6(x),
        ["sigmoid"] = x => F.sigmoid(x),
        ["tanh"] = x => x.tanh(),
        ["softmax"] = x => F.softmax(x, TensorLayout.ChannelAxis(x.dim())),
        ["log_softmax"] = x => F.log_softmax(x, TensorLayout.ChannelAxis(x.dim())),
        ["elu"] = x => F.elu(x, 1.0),
        ["selu"] = x => F.selu(x),
        ["softplus"] = x => F.softplus(x),
        ["softsign"] = x => F.softsign(x),
        ["gelu"] = x => F.gelu(x),
        ["silu"] = x => F.silu(x),
        ["swish"] = x => F.silu(x),
        ["exponential"] = x => x.exp(),
        ["hard_sigmoid"] = x => F.hardsigmoid(x),
        ["leaky_relu"] = x => F.leaky_relu(x, 0.2),
    };

    /// <summary>Gets the names this library knows, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = Functions.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Normalises an activation name, mapping <c>null</c> to <c>linear</c>.</summary>
    /// <param name="name">The Keras name.</param>
    /// <param name="paramName">The argument name to report.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static string Validate(string? name, string paramName = "activation")
    {
        var key = name ?? "linear";
        if (!Functions.ContainsKey(key))
        {
            throw new ArgumentException($"Unknown activation '{name}'; expected one of {string.Join(", ", Names)}.", paramName);
        }

        return key;
    }

    internal static Tensor Apply(string name, Tensor x) => Functions[name](x);
}
