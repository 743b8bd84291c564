using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Losses;

/// <summary>The base of Keras losses: a name, a reduction, and a per-example computation in <see cref="Call"/>.</summary>
/// <remarks>
/// The reduction follows Keras 3: the per-example losses are multiplied by the sample weights, summed,
/// and divided by the number of loss values (<c>sum_over_batch_size</c>, the default), left summed
/// (<c>sum</c>), or divided by the sum of the weights (<c>mean_with_sample_weight</c>).
/// </remarks>
public abstract class Loss
{
    /// <summary>Keras's fuzz factor (<c>keras.config.epsilon()</c>), used to clip probabilities before a log.</summary>
    protected const double Epsilon = 1e-7;

    /// <summary>Clips probabilities to [<see cref="Epsilon"/>, 1 - <see cref="Epsilon"/>], as Keras does before a logarithm.</summary>
    /// <remarks>It runs at every training step, so it goes through <see cref="ScalarOps"/>.</remarks>
    private protected static Tensor ClipProbabilities(Tensor probabilities) => ScalarOps.Clamp(probabilities, Epsilon, 1 - Epsilon);

    private static readonly string[] Reductions = ["sum_over_batch_size", "sum", "mean_with_sample_weight"];

    /// <summary>Initializes a new instance of the <see cref="Loss"/> class.</summary>
    /// <param name="name">The loss name, e.g. <c>sparse_categorical_crossentropy</c>.</param>
    /// <param name="reduction"><c>sum_over_batch_size</c> (default), <c>sum</c> or <c>mean_with_sample_weight</c>.</param>
    /// <exception cref="ArgumentException">The reduction is unknown.</exception>
    protected Loss(string name, string reduction = "sum_over_batch_size")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Reductions.Contains(reduction))
        {
            throw new ArgumentException($"Invalid reduction '{reduction}'; expected one of {string.Join(", ", Reductions)}.", nameof(reduction));
        }

        Name = name;
        Reduction = reduction;
    }

    /// <summary>Gets the loss name.</summary>
    public string Name { get; }

    /// <summary>Gets the reduction over the batch.</summary>
    public string Reduction { get; }

    /// <summary>Gets the Keras class name.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>Returns the Keras config.</summary>
    /// <returns>The config object.</returns>
    public virtual JsonObject GetConfig() => new() { ["name"] = Name, ["reduction"] = Reduction };

    /// <summary>Computes the unreduced losses, as Keras's <c>Loss.call</c>; custom losses override this.</summary>
    /// <param name="yTrue">The targets, channels_last: class ids (int64) for sparse losses, else float32 with the shape of <paramref name="yPred"/>.</param>
    /// <param name="yPred">The predictions, channels_last, batch axis first.</param>
    /// <returns>The loss of each example (and position, for outputs of rank above 2), with the last axis reduced.</returns>
    protected internal abstract Tensor Call(Tensor yTrue, Tensor yPred);

    /// <summary>Computes the reduced loss of a batch.</summary>
    /// <param name="yTrue">The targets, channels_last.</param>
    /// <param name="yPred">The model output in the backend layout (rank-4 outputs NCHW).</param>
    /// <param name="sampleWeight">One weight per example, or null.</param>
    /// <returns>A scalar tensor.</returns>
    internal Tensor Compute(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        var values = Call(yTrue, TensorLayout.ToChannelsLast(yPred));
        var count = values.numel();
        if (sampleWeight is not null)
        {
            var weights = sampleWeight.to_type(values.dtype);
            while (weights.dim() < values.dim())
            {
                weights = weights.unsqueeze(-1);
            }

            values = values * weights;
            if (Reduction == "mean_with_sample_weight")
            {
                return values.sum() / weights.expand_as(values).sum();
            }
        }

        return Reduction == "sum" ? values.sum() : values.sum() / Math.Max(1, count);
    }

    /// <summary>Gives targets of one rank less than the predictions a trailing axis, as Keras does for <c>(batch,)</c> labels against <c>(batch, 1)</c> outputs.</summary>
    private protected static Tensor MatchRank(Tensor yTrue, Tensor yPred) =>
        yTrue.dim() == yPred.dim() - 1 ? yTrue.unsqueeze(-1) : yTrue;

    /// <summary>Checks a label-smoothing factor.</summary>
    private protected static double CheckLabelSmoothing(double labelSmoothing) =>
        labelSmoothing is >= 0 and <= 1
            ? labelSmoothing
            : throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Invalid labelSmoothing; expected a value in [0, 1].");
}
