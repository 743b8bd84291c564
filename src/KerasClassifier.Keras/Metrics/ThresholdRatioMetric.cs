using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>
/// The base of <see cref="Precision"/> and <see cref="Recall"/>: true positives over true positives
/// plus one kind of error, counted on thresholded scores over every element.
/// </summary>
/// <remarks>Integer class ids are one-hot encoded first, so each class counts as a binary decision per example.</remarks>
public abstract class ThresholdRatioMetric : Metric
{
    private Tensor? truePositives;
    private Tensor? errors;

    /// <summary>Initializes a new instance of the <see cref="ThresholdRatioMetric"/> class.</summary>
    /// <param name="threshold">Scores above it count as positive.</param>
    /// <param name="classId">Only this class (last axis index) counts; null for all.</param>
    /// <param name="name">The key it reports under.</param>
    private protected ThresholdRatioMetric(double threshold, int? classId, string name)
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
        errors?.Dispose();
        truePositives = null;
        errors = null;
    }

    /// <inheritdoc/>
    public override double Result()
    {
        if (truePositives is null)
        {
            return double.NaN;
        }

        var tp = truePositives.item<double>();
        var wrong = errors!.item<double>();
        return tp + wrong == 0 ? 0 : tp / (tp + wrong);
    }

    /// <inheritdoc/>
    protected internal override void Update(Tensor yTrue, Tensor yPred)
    {
        using var scope = NewDisposeScope();
        var (positive, predicted) = ConfusionCounts.Decide(yTrue, yPred, Threshold, ClassId, ToDense);
        truePositives = Accumulate(truePositives, ConfusionCounts.Count(positive.logical_and(predicted)));
        errors = Accumulate(errors, ConfusionCounts.Count(SelectErrors(positive, predicted)));
    }

    /// <summary>Selects the errors in the denominator: false positives for precision, false negatives for recall.</summary>
    /// <param name="positive">Where the target is positive.</param>
    /// <param name="predicted">Where the score is above the threshold.</param>
    /// <returns>A boolean mask of the errors.</returns>
    private protected abstract Tensor SelectErrors(Tensor positive, Tensor predicted);
}
