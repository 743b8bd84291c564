using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>
/// The fraction of positive targets predicted positive (score above a threshold), <c>tp / (tp + fn)</c>,
/// over every element, as Keras's <c>Recall</c>.
/// </summary>
/// <remarks>Integer class ids are one-hot encoded first, so each class counts as a binary decision per example.</remarks>
public sealed class Recall : Metric
{
    private Tensor? truePositives;
    private Tensor? falseNegatives;

    /// <summary>Initializes a new instance of the <see cref="Recall"/> class.</summary>
    /// <param name="threshold">Scores above it count as positive (default 0.5).</param>
    /// <param name="classId">Only this class (last axis index) counts; null for all.</param>
    /// <param name="name">The key it reports under (default <c>recall</c>).</param>
    public Recall(double threshold = 0.5, int? classId = null, string name = "recall")
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
        falseNegatives?.Dispose();
        truePositives = null;
        falseNegatives = null;
    }

    /// <inheritdoc/>
    public override double Result()
    {
        if (truePositives is null)
        {
            return double.NaN;
        }

        var tp = truePositives.item<double>();
        var fn = falseNegatives!.item<double>();
        return tp + fn == 0 ? 0 : tp / (tp + fn);
    }

    /// <inheritdoc/>
    protected internal override void Update(Tensor yTrue, Tensor yPred)
    {
        using var scope = NewDisposeScope();
        var (positive, predicted) = ConfusionCounts.Decide(yTrue, yPred, Threshold, ClassId, ToDense);
        truePositives = Accumulate(truePositives, ConfusionCounts.Count(positive.logical_and(predicted)));
        falseNegatives = Accumulate(falseNegatives, ConfusionCounts.Count(positive.logical_and(predicted.logical_not())));
    }
}
