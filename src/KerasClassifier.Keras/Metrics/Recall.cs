using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>
/// The fraction of positive targets predicted positive (score above a threshold), <c>tp / (tp + fn)</c>,
/// over every element, as Keras's <c>Recall</c>.
/// </summary>
/// <remarks>Integer class ids are one-hot encoded first, so each class counts as a binary decision per example.</remarks>
public sealed class Recall : ThresholdRatioMetric
{
    /// <summary>Initializes a new instance of the <see cref="Recall"/> class.</summary>
    /// <param name="threshold">Scores above it count as positive (default 0.5).</param>
    /// <param name="classId">Only this class (last axis index) counts; null for all.</param>
    /// <param name="name">The key it reports under (default <c>recall</c>).</param>
    public Recall(double threshold = 0.5, int? classId = null, string name = "recall")
        : base(threshold, classId, name)
    {
    }

    private protected override Tensor SelectErrors(Tensor positive, Tensor predicted) => positive.logical_and(predicted.logical_not());
}
