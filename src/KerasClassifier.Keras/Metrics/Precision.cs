using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>
/// The fraction of positive predictions (score above a threshold) that are right, <c>tp / (tp + fp)</c>,
/// over every element, as Keras's <c>Precision</c>.
/// </summary>
/// <remarks>Integer class ids are one-hot encoded first, so each class counts as a binary decision per example.</remarks>
public sealed class Precision : ThresholdRatioMetric
{
    /// <summary>Initializes a new instance of the <see cref="Precision"/> class.</summary>
    /// <param name="threshold">Scores above it count as positive (default 0.5).</param>
    /// <param name="classId">Only this class (last axis index) counts; null for all.</param>
    /// <param name="name">The key it reports under (default <c>precision</c>).</param>
    public Precision(double threshold = 0.5, int? classId = null, string name = "precision")
        : base(threshold, classId, name)
    {
    }

    private protected override Tensor SelectErrors(Tensor positive, Tensor predicted) => positive.logical_not().logical_and(predicted);
}
