namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>How a SavedModel checkpoint stores an optimizer's state.</summary>
public enum OptimizerLayout
{
    /// <summary>
    /// The OptimizerV2 layout of TensorFlow 2.10 and earlier (and <c>tf.keras.optimizers.legacy</c>):
    /// hyperparameter variables such as <c>iter</c> and <c>beta_1</c>, and slots linked to their weights.
    /// </summary>
    Legacy,

    /// <summary>
    /// The layout of the optimizer of TensorFlow 2.11 and later: <c>_iterations</c>,
    /// <c>_learning_rate</c> and a list of slot variables named after their weights.
    /// </summary>
    Modern,
}
