using static TorchSharp.torch;

namespace KerasClassifier.Keras.Metrics;

/// <summary>Shared steps of the top-k accuracy metrics.</summary>
internal static class TopK
{
    public static int CheckK(int k) =>
        k > 0 ? k : throw new ArgumentOutOfRangeException(nameof(k), k, "Invalid k for top-k accuracy; expected a positive integer.");

    /// <summary>Returns, per example, whether the target's score is among the k largest.</summary>
    /// <remarks>
    /// A target ties into the top k when fewer than k scores are strictly larger, which is how
    /// TensorFlow's <c>in_top_k</c> (behind Keras's metric) treats ties.
    /// </remarks>
    public static Tensor InTopK(Tensor labels, Tensor yPred, int k)
    {
        var targetScore = yPred.gather(-1, labels.unsqueeze(-1));
        var larger = yPred.gt(targetScore).sum(-1);
        return larger.lt(k);
    }
}
