namespace KerasClassifier.Keras.Metrics;

/// <summary>
/// Counts of (true class, predicted class) pairs, as <c>tf.math.confusion_matrix</c> computes them:
/// rows are true classes, columns predicted classes.
/// </summary>
/// <example>
/// <code>
/// var matrix = ConfusionMatrix.FromPredictions(labels, model.Predict(x));
/// long correctCats = matrix[0, 0];
/// </code>
/// </example>
public sealed class ConfusionMatrix
{
    private readonly long[,] counts;

    /// <summary>Initializes a new instance of the <see cref="ConfusionMatrix"/> class with all counts zero.</summary>
    /// <param name="numClasses">The number of classes; positive.</param>
    public ConfusionMatrix(int numClasses)
    {
        if (numClasses <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "Invalid numClasses; expected a positive integer.");
        }

        NumClasses = numClasses;
        counts = new long[numClasses, numClasses];
    }

    /// <summary>Gets the number of classes.</summary>
    public int NumClasses { get; }

    /// <summary>Gets the total number of examples counted.</summary>
    public long Total { get; private set; }

    /// <summary>Gets the number of examples of class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/>.</summary>
    /// <param name="trueClass">The row.</param>
    /// <param name="predictedClass">The column.</param>
    public long this[int trueClass, int predictedClass] => counts[trueClass, predictedClass];

    /// <summary>Builds a matrix from labels and class scores, taking each row's highest score as the prediction.</summary>
    /// <param name="labels">The true class ids.</param>
    /// <param name="scores">The model output, (examples, classes).</param>
    /// <returns>The matrix, with as many classes as <paramref name="scores"/> has columns.</returns>
    public static ConfusionMatrix FromPredictions(int[] labels, NDArray scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Shape.Length != 2)
        {
            throw new ArgumentException($"Invalid scores shape ({string.Join(", ", scores.Shape)}); expected (examples, classes).", nameof(scores));
        }

        var matrix = new ConfusionMatrix(scores.Shape[1]);
        matrix.Update(labels, scores.ArgMax());
        return matrix;
    }

    /// <summary>Adds pairs of true and predicted class ids.</summary>
    /// <param name="labels">The true class ids.</param>
    /// <param name="predictions">The predicted class ids, one per label.</param>
    /// <exception cref="ArgumentException">The lengths differ or an id is outside [0, <see cref="NumClasses"/>).</exception>
    public void Update(int[] labels, int[] predictions)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        if (labels.Length != predictions.Length)
        {
            throw new ArgumentException($"Received {labels.Length} labels but {predictions.Length} predictions; expected one prediction per label.", nameof(predictions));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            CheckClass(labels[i], nameof(labels), i);
            CheckClass(predictions[i], nameof(predictions), i);
        }

        for (var i = 0; i < labels.Length; i++)
        {
            counts[labels[i], predictions[i]]++;
        }

        Total += labels.Length;
    }

    /// <summary>Copies the counts out.</summary>
    /// <returns>A new (classes, classes) array: rows true classes, columns predicted classes.</returns>
    public long[,] ToArray() => (long[,])counts.Clone();

    private void CheckClass(int id, string paramName, int index)
    {
        if (id < 0 || id >= NumClasses)
        {
            throw new ArgumentException($"Invalid class id {id} at index {index} of {paramName}; expected 0 to {NumClasses - 1}.", paramName);
        }
    }
}
