using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Initializers;

/// <summary>An initializer that fills a constant: Keras's <c>Zeros</c>, <c>Ones</c> and <c>Constant</c>.</summary>
public sealed class Constant : Initializer
{
    private readonly string className;

    /// <summary>Initializes a new instance of the <see cref="Constant"/> class.</summary>
    /// <param name="value">The fill value.</param>
    /// <param name="className">The Keras class name this instance stands for.</param>
    public Constant(double value = 0, string className = "Constant")
    {
        Value = value;
        this.className = className;
    }

    /// <summary>Gets the fill value.</summary>
    public double Value { get; }

    /// <inheritdoc/>
    public override string ClassName => className;

    /// <inheritdoc/>
    public override JsonObject GetConfig() => className == "Constant" ? new JsonObject { ["value"] = Value } : [];

    internal override Tensor Generate(int[] kerasShape) => full(kerasShape.Select(d => (long)d).ToArray(), Value);
}
