namespace KerasClassifier.Keras.Training;

/// <summary>Why <c>Fit</c> ended.</summary>
public enum StopReason
{
    /// <summary>All requested epochs ran.</summary>
    EpochsCompleted,

    /// <summary>A callback set <c>Model.StopTraining</c>, such as early stopping.</summary>
    StoppedByCallback,

    /// <summary>The loss became NaN or infinite.</summary>
    NonFiniteLoss,

    /// <summary>The caller's cancellation token fired (for example Ctrl+C); the current step finished first.</summary>
    Cancelled,

    /// <summary>The training data ran out and could not start another epoch.</summary>
    DataExhausted,
}
