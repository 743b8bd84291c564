using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// The optimizer state stored in a SavedModel checkpoint: the iteration count, the learning rate
/// and the slots, with slot names translated to Keras 3's.
/// </summary>
public sealed class SavedOptimizerState
{
    internal SavedOptimizerState(
        string className,
        OptimizerLayout layout,
        long iterations,
        double? learningRate,
        IReadOnlyDictionary<string, double> hyperparameters,
        IReadOnlyList<SavedOptimizerSlot> slots,
        JsonObject? config)
    {
        ClassName = className;
        Layout = layout;
        Iterations = iterations;
        LearningRate = learningRate;
        Hyperparameters = hyperparameters;
        Slots = slots;
        Config = config;
    }

    /// <summary>Gets the optimizer's class name, e.g. <c>Adam</c> (the <c>Custom&gt;</c> prefix of TensorFlow 2.11+ removed).</summary>
    public string ClassName { get; }

    /// <summary>Gets the checkpoint layout the state was read from.</summary>
    public OptimizerLayout Layout { get; }

    /// <summary>Gets the number of training steps applied (Keras's <c>iterations</c>).</summary>
    public long Iterations { get; }

    /// <summary>Gets the stored learning rate; null when the checkpoint has no learning-rate variable and the config gives no number (a schedule).</summary>
    public double? LearningRate { get; }

    /// <summary>Gets the legacy layout's scalar hyperparameter variables by name (<c>beta_1</c>, <c>decay</c>...); empty for the modern layout.</summary>
    public IReadOnlyDictionary<string, double> Hyperparameters { get; }

    /// <summary>
    /// Gets the slots in Keras 3's variable order: slot groups in creation order, each covering the
    /// model's weights in order, with a group's slots interleaved per weight (Adam: <c>momentum</c>
    /// and <c>velocity</c> of each weight, then every <c>velocity_hat</c> with AMSGrad; RMSprop:
    /// every <c>velocity</c>, then every <c>momentum</c>).
    /// </summary>
    public IReadOnlyList<SavedOptimizerSlot> Slots { get; }

    /// <summary>Gets the optimizer's Keras config from the training config, when the model was compiled.</summary>
    public JsonObject? Config { get; }

    /// <inheritdoc/>
    public override string ToString() => $"<SavedOptimizerState class={ClassName}, layout={Layout}, iterations={Iterations}, slots={Slots.Count}>";
}
