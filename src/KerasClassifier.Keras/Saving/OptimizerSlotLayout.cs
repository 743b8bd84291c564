namespace KerasClassifier.Keras.Saving;

/// <summary>How a file orders an optimizer's per-variable slots.</summary>
internal enum OptimizerSlotLayout
{
    /// <summary>Keras 3 and tf-keras 2.11+: the first slots interleaved per variable (m0, v0, m1, v1...), further slot kinds as blocks.</summary>
    Interleaved,

    /// <summary>Keras 2.0 to tf.keras 2.10: each slot kind as one block over all variables (all m, then all v).</summary>
    Blocked,
}
