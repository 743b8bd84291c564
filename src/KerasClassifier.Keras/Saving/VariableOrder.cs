using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Saving;

/// <summary>The orders in which Keras file formats list a layer's variables.</summary>
internal static class VariableOrder
{
    /// <summary>
    /// Returns the variables of one layer's <c>vars</c> group in Keras 3 files: variables created
    /// trainable first, then the others (BatchNormalization: gamma, beta, moving_mean,
    /// moving_variance), whatever the layer's current <see cref="Layer.Trainable"/> flag.
    /// For a model these are only the variables it owns directly; its layers get their own groups.
    /// </summary>
    public static IReadOnlyList<KerasVariable> Keras3(Layer layer)
    {
        var variables = layer is Model model ? model.OwnVariables : layer.Weights;
        return [.. variables.Where(w => w.Trainable), .. variables.Where(w => !w.Trainable)];
    }

    /// <summary>
    /// Returns a layer's variables in legacy HDF5 <c>weight_names</c> order: the ones training
    /// updates, then the others. A nested model lists those of all its layers first, then the rest.
    /// </summary>
    public static IReadOnlyList<KerasVariable> Legacy(Layer layer) => [.. layer.TrainableWeights, .. layer.NonTrainableWeights];
}
