using System.Globalization;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// Formats the per-epoch training and testing lines, for example
/// <c>&gt;&gt; 2026-12-04 15:34: Training Epoch: 10 || learning rate: 0.0001 || Loss: 0.43 || Accuracy: 85.25%|█████...| 142 / 142 [use time : 0.273280]</c>.
/// </summary>
public static class EpochLineFormatter
{
    /// <summary>The number of characters in the progress bar.</summary>
    public const int BarWidth = 30;

    /// <summary>Formats one phase as one line (no line break).</summary>
    /// <param name="summary">The phase summary.</param>
    /// <returns>The line: local time to the minute, 1-based epoch, metrics, bar, steps and mean seconds per step.</returns>
    public static string Format(PhaseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var culture = CultureInfo.InvariantCulture;
        var time = summary.EndTime.ToString("yyyy-MM-dd HH:mm", culture);
        var total = Math.Max(summary.StepsTotal, 0);
        var done = Math.Min(summary.StepsDone, total);
        var loss = summary.Metrics.TryGetValue("loss", out var l) ? l.ToString("0.00", culture) : "nan";
        var accuracy = summary.Metrics.TryGetValue("accuracy", out var a) ? (a * 100).ToString("0.00", culture) + "%" : "nan%";

        var head = summary.Phase == TrainingPhase.Training
            ? $">> {time}: Training Epoch: {summary.Epoch + 1} || learning rate: {FormatLearningRate(summary.LearningRate)} || "
            : $">> {time}: Testing  Epoch: {summary.Epoch + 1} || ";
        var stepTime = summary.MeanStepSeconds.ToString("0.000000", culture);
        return $"{head}Loss: {loss} || Accuracy: {accuracy}|{Bar(done, total)}| {done} / {total} [use time : {stepTime}]";
    }

    /// <summary>Formats a learning rate without exponent notation, e.g. <c>0.00001</c>.</summary>
    /// <param name="learningRate">The learning rate.</param>
    /// <returns>The text.</returns>
    public static string FormatLearningRate(double learningRate)
    {
        // Outside this range the decimal conversion overflows or rounds to 0, so the rate keeps its exponent.
        var magnitude = Math.Abs(learningRate);
        if (!double.IsFinite(learningRate) || magnitude >= 1e15 || (magnitude != 0 && magnitude < 1e-12))
        {
            return learningRate.ToString("R", CultureInfo.InvariantCulture);
        }

        return ((decimal)learningRate).ToString("0.############", CultureInfo.InvariantCulture);
    }

    private static string Bar(long done, long total)
    {
        var filled = total == 0 ? 0 : (int)(done * BarWidth / total);
        return new string('█', filled) + new string(' ', BarWidth - filled);
    }
}
