using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Losses;

/// <summary>The base of Keras losses: a name, a reduction and a per-batch computation.</summary>
public abstract class Loss
{
    /// <summary>Initializes a new instance of the <see cref="Loss"/> class.</summary>
    /// <param name="name">The loss name, e.g. <c>sparse_categorical_crossentropy</c>.</param>
    protected Loss(string name)
    {
        Name = name;
    }

    /// <summary>Gets the loss name.</summary>
    public string Name { get; }

    /// <summary>Gets the Keras class name.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>Returns the Keras config.</summary>
    /// <returns>The config object.</returns>
    public virtual JsonObject GetConfig() => new() { ["name"] = Name, ["reduction"] = "sum_over_batch_size" };

    /// <summary>Computes the mean loss over a batch.</summary>
    /// <param name="yTrue">The targets (class ids as int64 for sparse losses).</param>
    /// <param name="yPred">The model output, (batch, classes).</param>
    /// <returns>A scalar tensor.</returns>
    internal abstract Tensor Compute(Tensor yTrue, Tensor yPred);
}
