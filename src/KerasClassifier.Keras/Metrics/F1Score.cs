using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>
/// The F1 score per class, averaged as asked (macro by default), as Keras's <c>F1Score</c>:
/// <c>2 * precision * recall / (precision + recall)</c> with Keras's 1e-7 guards.
/// </summary>
/// <remarks>
/// Keras's default <c>average=None</c> returns one score per class; a training log needs one number,
/// so this class defaults to <c>macro</c> and also accepts <c>micro</c> and <c>weighted</c>.
/// Integer class ids are one-hot encoded first.
/// </remarks>
public sealed class F1Score : Metric
{
    private const double Epsilon = 1e-7;
    private static readonly string[] Averages = ["macro", "micro", "weighted"];
    private Tensor? truePositives;
    private Tensor? falsePositives;
    private Tensor? falseNegatives;

    /// <summary>Initializes a new instance of the <see cref="F1Score"/> class.</summary>
    /// <param name="average"><c>macro</c> (default, unweighted mean over classes), <c>micro</c> (global counts) or <c>weighted</c> (mean weighted by each class's target count).</param>
    /// <param name="threshold">Scores above it count as positive; null (default) takes the highest-scoring class of each example.</param>
    /// <param name="name">The key it reports under (default <c>f1_score</c>).</param>
    public F1Score(string average = "macro", double? threshold = null, string name = "f1_score")
        : base(name)
    {
        if (!Averages.Contains(average))
        {
            throw new ArgumentException($"Invalid average '{average}' for F1Score; expected one of {string.Join(", ", Averages)}.", nameof(average));
        }

        if (threshold is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Invalid threshold for F1Score; expected a value in (0, 1] or null.");
        }

        Average = average;
        Threshold = threshold;
    }

    /// <summary>Gets the averaging mode.</summary>
    public string Average { get; }

    /// <summary>Gets the threshold, or null for the arg-max rule.</summary>
    public double? Threshold { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["average"] = Average;
        config["threshold"] = Threshold;
        return config;
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        truePositives?.Dispose();
        falsePositives?.Dispose();
        falseNegatives?.Dispose();
        truePositives = falsePositives = falseNegatives = null;
    }

    /// <inheritdoc/>
    public override double Result()
    {
        if (truePositives is null)
        {
            return double.NaN;
        }

        using var scope = NewDisposeScope();
        var tp = truePositives;
        var fp = falsePositives!;
        var fn = falseNegatives!;
        if (Average == "micro")
        {
            tp = tp.sum();
            fp = fp.sum();
            fn = fn.sum();
        }

        var precision = tp / (tp + fp + Epsilon);
        var recall = tp / (tp + fn + Epsilon);
        var f1 = 2 * precision * recall / (precision + recall + Epsilon);
        if (Average == "weighted")
        {
            var support = tp + fn;
            return (f1 * support).sum().item<double>() / Math.Max(Epsilon, support.sum().item<double>());
        }

        return f1.mean().item<double>();
    }

    /// <inheritdoc/>
    protected internal override void Update(Tensor yTrue, Tensor yPred)
    {
        using var scope = NewDisposeScope();
        var classes = yPred.shape[^1];
        var target = ToDense(yTrue, yPred).reshape(-1, classes).gt(0.5);
        var scores = yPred.reshape(-1, classes);
        var predicted = Threshold is { } threshold
            ? scores.gt(threshold)
            : nn.functional.one_hot(scores.argmax(-1), classes).gt(0);
        // The axis is a long: a literal 0 would bind to the sum(ScalarType) overload instead.
        truePositives = Accumulate(truePositives, target.logical_and(predicted).sum(0L));
        falsePositives = Accumulate(falsePositives, target.logical_not().logical_and(predicted).sum(0L));
        falseNegatives = Accumulate(falseNegatives, target.logical_and(predicted.logical_not()).sum(0L));
    }
}
