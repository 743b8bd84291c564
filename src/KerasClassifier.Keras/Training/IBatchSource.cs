namespace KerasClassifier.Keras.Training;

/// <summary>Where <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> draw batches from.</summary>
internal interface IBatchSource
{
    /// <summary>Gets the batches per pass, or <see cref="Cardinality.Infinite"/> or <see cref="Cardinality.Unknown"/>.</summary>
    long Cardinality { get; }

    /// <summary>Gets a short description for messages, e.g. "the training dataset".</summary>
    string Description { get; }

    /// <summary>Starts a new pass over the data.</summary>
    /// <remarks>A batch's arrays may be reused for the next batch, so a consumer copies what it keeps before it moves on.</remarks>
    IEnumerator<HostBatch> Open();
}
