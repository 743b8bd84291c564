namespace KerasClassifier.Keras.Data;

/// <summary>The facts a dataset check found about a training set and its validation set.</summary>
public sealed class DatasetCheckReport
{
    /// <summary>Gets the class names, in class-id order.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Gets the number of training images per class id.</summary>
    public required IReadOnlyList<int> TrainingCounts { get; init; }

    /// <summary>Gets the number of validation images per class id; null without a validation set.</summary>
    public IReadOnlyList<int>? ValidationCounts { get; init; }

    /// <summary>Gets the files that could not be decoded, with the reason; empty unless decoding was checked.</summary>
    public required IReadOnlyDictionary<string, string> UnreadableFiles { get; init; }

    /// <summary>Gets groups of files with identical bytes within the same split (two or more paths each).</summary>
    public required IReadOnlyList<IReadOnlyList<string>> DuplicateGroups { get; init; }

    /// <summary>Gets the files whose smaller side is below the tiny-image threshold, with their size.</summary>
    public required IReadOnlyDictionary<string, (int Width, int Height)> TinyImages { get; init; }

    /// <summary>Gets pairs of identical files found in both the training and the validation set.</summary>
    public required IReadOnlyList<(string Training, string Validation)> Overlap { get; init; }

    /// <summary>Gets the class names that have training images but no validation images.</summary>
    public required IReadOnlyList<string> MissingFromValidation { get; init; }

    /// <summary>Gets the ratio of the largest to the smallest non-empty training class.</summary>
    public double ImbalanceRatio => TrainingCounts.Where(c => c > 0).DefaultIfEmpty(1).Max() / (double)TrainingCounts.Where(c => c > 0).DefaultIfEmpty(1).Min();

    /// <summary>
    /// Gets Keras-style balanced class weights, <c>total / (classes * count)</c>, for <c>classWeight</c>
    /// in <c>Fit</c>; a class without training images gets 0.
    /// </summary>
    public IReadOnlyList<double> SuggestedClassWeights
    {
        get
        {
            var total = TrainingCounts.Sum();
            var present = TrainingCounts.Count(c => c > 0);
            return TrainingCounts.Select(c => c == 0 ? 0 : total / (double)(present * c)).ToArray();
        }
    }

    /// <summary>Gets a value indicating whether the check found anything that can spoil training or its metrics.</summary>
    public bool HasProblems => UnreadableFiles.Count > 0 || DuplicateGroups.Count > 0 || Overlap.Count > 0 || TinyImages.Count > 0;
}
