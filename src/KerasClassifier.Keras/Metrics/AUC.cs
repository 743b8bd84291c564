using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>
/// The area under the ROC or precision-recall curve, approximated on fixed thresholds as Keras's
/// <c>AUC</c> does (<c>summation_method="interpolation"</c>).
/// </summary>
/// <remarks>
/// Thresholds are <c>i / (numThresholds - 1)</c> for <c>i = 1 .. numThresholds - 2</c>, plus
/// <c>-1e-7</c> and <c>1 + 1e-7</c> at the ends. Every element counts as one binary decision
/// (Keras's <c>multi_label=False</c>); integer class ids are one-hot encoded first. The ROC area uses
/// the trapezoidal rule, the PR area the Davis-Goadrich interpolation, as Keras.
/// </remarks>
public sealed class AUC : Metric
{
    private readonly double[] thresholds;
    private Tensor? truePositives;
    private Tensor? falsePositives;
    private Tensor? trueNegatives;
    private Tensor? falseNegatives;

    /// <summary>Initializes a new instance of the <see cref="AUC"/> class.</summary>
    /// <param name="numThresholds">The number of thresholds (default 200); more than 1.</param>
    /// <param name="curve"><c>ROC</c> (default) or <c>PR</c>.</param>
    /// <param name="name">The key it reports under (default <c>auc</c>).</param>
    public AUC(int numThresholds = 200, string curve = "ROC", string name = "auc")
        : base(name)
    {
        if (numThresholds <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numThresholds), numThresholds, "Invalid numThresholds for AUC; expected more than 1.");
        }

        var normalized = curve?.ToUpperInvariant();
        if (normalized is not ("ROC" or "PR"))
        {
            throw new ArgumentException($"Invalid curve '{curve}' for AUC; expected ROC or PR.", nameof(curve));
        }

        NumThresholds = numThresholds;
        Curve = normalized;
        thresholds = new double[numThresholds];
        thresholds[0] = -1e-7;
        for (var i = 1; i < numThresholds - 1; i++)
        {
            thresholds[i] = i / (double)(numThresholds - 1);
        }

        thresholds[^1] = 1 + 1e-7;
    }

    /// <summary>Gets the number of thresholds.</summary>
    public int NumThresholds { get; }

    /// <summary>Gets the curve, <c>ROC</c> or <c>PR</c>.</summary>
    public string Curve { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["num_thresholds"] = NumThresholds;
        config["curve"] = Curve;
        config["summation_method"] = "interpolation";
        config["multi_label"] = false;
        config["num_labels"] = null;
        config["label_weights"] = null;
        config["from_logits"] = false;
        return config;
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        truePositives?.Dispose();
        falsePositives?.Dispose();
        trueNegatives?.Dispose();
        falseNegatives?.Dispose();
        truePositives = falsePositives = trueNegatives = falseNegatives = null;
    }

    /// <inheritdoc/>
    public override double Result()
    {
        if (truePositives is null)
        {
            return double.NaN;
        }

        var tp = truePositives.cpu().data<double>().ToArray();
        var fp = falsePositives!.cpu().data<double>().ToArray();
        var tn = trueNegatives!.cpu().data<double>().ToArray();
        var fn = falseNegatives!.cpu().data<double>().ToArray();
        return Curve == "ROC" ? RocArea(tp, fp, tn, fn) : InterpolatedPrArea(tp, fp, fn);
    }

    /// <inheritdoc/>
    protected internal override void Update(Tensor yTrue, Tensor yPred)
    {
        using var scope = NewDisposeScope();
        var positive = ToDense(yTrue, yPred).reshape(-1).gt(0.5);
        var scores = yPred.reshape(-1).to_type(ScalarType.Float64);
        var cut = tensor(thresholds, device: yPred.device).unsqueeze(1);
        var predicted = scores.unsqueeze(0).gt(cut);
        var positiveRow = positive.unsqueeze(0);
        truePositives = Accumulate(truePositives, predicted.logical_and(positiveRow).sum(1));
        falsePositives = Accumulate(falsePositives, predicted.logical_and(positiveRow.logical_not()).sum(1));
        trueNegatives = Accumulate(trueNegatives, predicted.logical_not().logical_and(positiveRow.logical_not()).sum(1));
        falseNegatives = Accumulate(falseNegatives, predicted.logical_not().logical_and(positiveRow).sum(1));
    }

    private static double DivideNoNan(double a, double b) => b == 0 ? 0 : a / b;

    private static double RocArea(double[] tp, double[] fp, double[] tn, double[] fn)
    {
        var area = 0.0;
        for (var i = 0; i < tp.Length - 1; i++)
        {
            var x0 = DivideNoNan(fp[i], fp[i] + tn[i]);
            var x1 = DivideNoNan(fp[i + 1], fp[i + 1] + tn[i + 1]);
            var y0 = DivideNoNan(tp[i], tp[i] + fn[i]);
            var y1 = DivideNoNan(tp[i + 1], tp[i + 1] + fn[i + 1]);
            area += (x0 - x1) * (y0 + y1) / 2;
        }

        return area;
    }

    private static double InterpolatedPrArea(double[] tp, double[] fp, double[] fn)
    {
        var area = 0.0;
        for (var i = 0; i < tp.Length - 1; i++)
        {
            var dtp = tp[i] - tp[i + 1];
            var p0 = tp[i] + fp[i];
            var p1 = tp[i + 1] + fp[i + 1];
            var slope = DivideNoNan(dtp, Math.Max(p0 - p1, 0));
            var intercept = tp[i + 1] - slope * p1;
            var ratio = p0 > 0 && p1 > 0 ? DivideNoNan(p0, Math.Max(p1, 0)) : 1;
            area += DivideNoNan(slope * (dtp + intercept * Math.Log(ratio)), Math.Max(tp[i + 1] + fn[i + 1], 0));
        }

        return area;
    }
}
