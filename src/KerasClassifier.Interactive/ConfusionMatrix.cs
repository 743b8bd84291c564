using System.Globalization;
using System.Text;
using KerasClassifier.Keras;

namespace KerasClassifier.Interactive;

/// <summary>
/// Counts of examples by true class (rows) and predicted class (columns), as
/// <c>tf.math.confusion_matrix</c> computes them; displayed as a shaded HTML table.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] counts;

    private ConfusionMatrix(long[,] counts, IReadOnlyList<string> classNames)
    {
        this.counts = counts;
        ClassNames = classNames;
    }

    /// <summary>Gets the class names; row and column indices are indices into this list.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Gets the number of examples.</summary>
    public long Total => counts.Cast<long>().Sum();

    /// <summary>Gets the fraction of examples on the diagonal; 0 when there are none.</summary>
    public double Accuracy
    {
        get
        {
            long correct = Enumerable.Range(0, ClassNames.Count).Sum(i => counts[i, i]);
            return Total == 0 ? 0 : (double)correct / Total;
        }
    }

    /// <summary>Gets the number of examples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    /// <param name="actual">The true class index.</param>
    /// <param name="predicted">The predicted class index.</param>
    public long this[int actual, int predicted] => counts[actual, predicted];

    /// <summary>Counts pairs of true and predicted class indices.</summary>
    /// <param name="labels">The true class of each example.</param>
    /// <param name="predictions">The predicted class of each example, in the same order.</param>
    /// <param name="classNames">The class names; every index must be below their count.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentException">The lists differ in length, or an index is out of range.</exception>
    public static ConfusionMatrix Compute(IReadOnlyList<int> labels, IReadOnlyList<int> predictions, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(classNames);
        if (labels.Count != predictions.Count)
        {
            throw new ArgumentException($"predictions has {predictions.Count} entries but labels has {labels.Count}; expected one prediction per label.", nameof(predictions));
        }

        int classes = classNames.Count;
        var counts = new long[classes, classes];
        for (var i = 0; i < labels.Count; i++)
        {
            CheckIndex(labels[i], classes, i, nameof(labels));
            CheckIndex(predictions[i], classes, i, nameof(predictions));
            counts[labels[i], predictions[i]]++;
        }

        return new ConfusionMatrix(counts, classNames.ToArray());
    }

    /// <summary>Counts true classes against the highest-scoring class of each row of model outputs.</summary>
    /// <param name="labels">The true class of each example.</param>
    /// <param name="outputs">The model outputs, shape (examples, classes), e.g. from <c>Predict</c>.</param>
    /// <param name="classNames">The class names.</param>
    /// <returns>The matrix.</returns>
    public static ConfusionMatrix Compute(IReadOnlyList<int> labels, NDArray outputs, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return Compute(labels, outputs.ArgMax(), classNames);
    }

    /// <summary>Renders the matrix as an HTML table whose cells are shaded by the share of their row.</summary>
    /// <returns>The HTML fragment.</returns>
    public string ToHtml()
    {
        int classes = ClassNames.Count;
        var html = new StringBuilder("<table class=\"kc-confusion\"><thead><tr><th>true \\ predicted</th>");
        foreach (string name in ClassNames)
        {
            html.Append($"<th>{Html.Encode(name)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        for (var actual = 0; actual < classes; actual++)
        {
            long rowTotal = Enumerable.Range(0, classes).Sum(p => counts[actual, p]);
            html.Append($"<tr><th style=\"text-align:left\">{Html.Encode(ClassNames[actual])}</th>");
            for (var predicted = 0; predicted < classes; predicted++)
            {
                long count = counts[actual, predicted];
                double share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                string hue = actual == predicted ? "46,160,67" : "214,39,40";
                html.Append($"<td style=\"text-align:right;background-color:rgba({hue},{share.ToString("0.00", CultureInfo.InvariantCulture)})\">{Html.Count(count)}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>")
            .Append($"<p>{Html.Count(Total)} examples, accuracy {Html.Metric("accuracy", Accuracy)}</p>");
        return html.ToString();
    }

    private static void CheckIndex(int index, int classes, int position, string parameter)
    {
        if (index < 0 || index >= classes)
        {
            throw new ArgumentException($"{parameter}[{position}] is {index}; expected a class index from 0 to {classes - 1}.", parameter);
        }
    }
}
