using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>
/// The fraction of positive predictions (score above a threshold) that are right, <c>tp / (tp + fp)</c>,
/// over every element, as Keras's <c>Precision</c>.
/// </summary>
/// <remarks>Integer class ids are one-hot encoded first, so each class counts as a binary decision per example.</remarks>
public sealed class Precision : Metric
{
    private Tensor? truePositives;
    private Tensor? falsePositives;

    /// <summary>Initializes a new instance of the <see cref="Precision"/> class.</summary>
    /// <param name="threshold">Scores above it count as positive (default 0.5).</param>
    /// <param name="classId">Only this class (last axis index) counts; null for all.</param>
    /// <param name="name">The key it reports under (default <c>precision</c>).</param>
    public Precision(double threshold = 0.5, int? classId = null, string name = "precision")
        : base(name)
    {
        Threshold = threshold;
        ClassId = classId;
    }

    /// <summary>Gets the threshold.</summary>
    public double Threshold { get; }

    /// <summary>Gets the class restricted to, or null.</summary>
    public int? ClassId { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["thresholds"] = Threshold;
        config["top_k"] = null;
        config["class_id"] = ClassId;
        return config;
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        truePositives?.Dispose();
        falsePositives?.Dispose();
        truePositives = null;
        falsePositives = null;
    }

    /// <inheritdoc/>
    public override double Result()
    {
        if (truePositives is null)
        {
            return double.NaN;
        }

        var tp = truePositives.item<double>();
        var fp = falsePositives!.item<double>();
        return tp + fp == 0 ? 0 : tp / (tp + fp);
    }

    /// <inheritdoc/>
    protected internal override void Update(Tensor yTrue, Tensor yPred)
    {
        using var scope = NewDisposeScope();
        var (positive, predicted) = ConfusionCounts.Decide(yTrue, yPred, Threshold, ClassId, ToDense);
        truePositives = Accumulate(truePositives, ConfusionCounts.Count(positive.logical_and(predicted)));
        falsePositives = Accumulate(falsePositives, ConfusionCounts.Count(positive.logical_not().logical_and(predicted)));
    }
}
