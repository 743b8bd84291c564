using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>Shared steps of the threshold metrics (precision, recall): binary decisions from targets and scores.</summary>
internal static class ConfusionCounts
{
    /// <summary>Returns (targets, decisions) as boolean tensors of equal shape, restricted to one class when asked.</summary>
    public static (Tensor Positive, Tensor Predicted) Decide(Tensor yTrue, Tensor yPred, double threshold, int? classId, Func<Tensor, Tensor, Tensor> toDense)
    {
        var target = toDense(yTrue, yPred);
        var predicted = yPred.gt(threshold);
        var positive = target.gt(0.5);
        if (classId is { } id)
        {
            if (id < 0 || id >= yPred.shape[^1])
            {
                throw new ArgumentOutOfRangeException(nameof(classId), id, $"Invalid classId {id}; the predictions have {yPred.shape[^1]} classes.");
            }

            positive = positive.select(-1, id);
            predicted = predicted.select(-1, id);
        }

        return (positive, predicted);
    }

    public static Tensor Count(Tensor condition) => condition.sum().to_type(ScalarType.Float64);
}
