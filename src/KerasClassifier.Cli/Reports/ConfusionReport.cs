using System.Globalization;
using System.Text;
using KerasClassifier.Keras.IO;

namespace KerasClassifier.Cli.Reports;

/// <summary>
/// The confusion matrix of a classifier on labelled data, with per-class precision and recall and the
/// pairs of classes it confuses most.
/// </summary>
internal sealed class ConfusionReport
{
    private ConfusionReport(IReadOnlyList<string> classNames, long[,] matrix)
    {
        ClassNames = classNames;
        Matrix = matrix;
    }

    /// <summary>Gets the class names; row and column <c>i</c> of <see cref="Matrix"/> belong to class <c>i</c>.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Gets the counts: <c>Matrix[true class, predicted class]</c>.</summary>
    public long[,] Matrix { get; }

    /// <summary>Gets the number of examples.</summary>
    public long Total => Enumerable.Range(0, ClassNames.Count).Sum(Support);

    /// <summary>Gets the fraction of examples predicted correctly.</summary>
    public double Accuracy => Total == 0 ? double.NaN : (double)Enumerable.Range(0, ClassNames.Count).Sum(i => Matrix[i, i]) / Total;

    /// <summary>Counts predictions against labels.</summary>
    /// <param name="labels">The true class ids.</param>
    /// <param name="predictions">The predicted class ids, one per label.</param>
    /// <param name="classNames">The class names; ids index this list.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The arrays differ in length or an id is outside the class list.</exception>
    public static ConfusionReport Create(IReadOnlyList<int> labels, IReadOnlyList<int> predictions, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(classNames);
        if (labels.Count != predictions.Count)
        {
            throw new ArgumentException($"There are {labels.Count} labels but {predictions.Count} predictions; expected one prediction per label.", nameof(predictions));
        }

        var matrix = new long[classNames.Count, classNames.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            var (label, predicted) = (labels[i], predictions[i]);
            if ((uint)label >= classNames.Count || (uint)predicted >= classNames.Count)
            {
                throw new ArgumentException($"Example {i} has label {label} and prediction {predicted}; expected ids from 0 to {classNames.Count - 1}.", nameof(labels));
            }

            matrix[label, predicted]++;
        }

        return new ConfusionReport(classNames, matrix);
    }

    /// <summary>Returns the number of examples of a class.</summary>
    public long Support(int classIndex) => Enumerable.Range(0, ClassNames.Count).Sum(j => Matrix[classIndex, j]);

    /// <summary>Returns the share of a class's examples predicted as that class (its recall, or per-class accuracy); NaN without examples.</summary>
    public double Recall(int classIndex) => Support(classIndex) == 0 ? double.NaN : (double)Matrix[classIndex, classIndex] / Support(classIndex);

    /// <summary>Returns the share of predictions of a class that were right; NaN when the class was never predicted.</summary>
    public double Precision(int classIndex)
    {
        var predicted = Enumerable.Range(0, ClassNames.Count).Sum(i => Matrix[i, classIndex]);
        return predicted == 0 ? double.NaN : (double)Matrix[classIndex, classIndex] / predicted;
    }

    /// <summary>Returns the harmonic mean of precision and recall; NaN when either is NaN, 0 when both are 0.</summary>
    public double F1(int classIndex)
    {
        var (precision, recall) = (Precision(classIndex), Recall(classIndex));
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /// <summary>Lists the most frequent mistakes, largest count first, ties by class order.</summary>
    /// <param name="count">The most pairs to return.</param>
    /// <returns>The true class, the predicted class and the number of examples.</returns>
    public IReadOnlyList<(int True, int Predicted, long Count)> MostConfused(int count)
    {
        var pairs = new List<(int, int, long)>();
        for (var i = 0; i < ClassNames.Count; i++)
        {
            for (var j = 0; j < ClassNames.Count; j++)
            {
                if (i != j && Matrix[i, j] > 0)
                {
                    pairs.Add((i, j, Matrix[i, j]));
                }
            }
        }

        return pairs.OrderByDescending(p => p.Item3).ThenBy(p => p.Item1).ThenBy(p => p.Item2).Take(count).ToList();
    }

    /// <summary>Writes <c>class,support,precision,recall,f1</c> rows atomically; NaN is written as <c>nan</c>.</summary>
    /// <param name="path">The CSV file.</param>
    public void WritePerClassCsv(string path)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder("class,support,precision,recall,f1\n");
        for (var i = 0; i < ClassNames.Count; i++)
        {
            text.Append(culture, $"{CsvField(ClassNames[i])},{Support(i)},{Number(Precision(i))},{Number(Recall(i))},{Number(F1(i))}\n");
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static string Number(double value) => double.IsNaN(value) ? "nan" : value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string CsvField(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
