using KerasClassifier.Keras.Models;
using PureHDF;

namespace KerasClassifier.Keras.Saving.KerasV3;

/// <summary>Loads a Keras 3 weight store into a model: every layer's variables, then the optimizer state.</summary>
internal static class WeightStoreLoader
{
    /// <summary>Checks and assigns the layer variables, then restores the optimizer state when asked and present.</summary>
    /// <param name="root">The HDF5 root group.</param>
    /// <param name="model">The model, built.</param>
    /// <param name="location">The file, for messages.</param>
    /// <param name="restoreOptimizer">Whether to restore the optimizer state.</param>
    /// <returns>Whether the optimizer state was restored.</returns>
    public static bool Load(IH5Group root, Model model, FileLocation location, bool restoreOptimizer)
    {
        var pending = WeightStoreReader.ReadLayers(root, model, location);
        var optimizerState = restoreOptimizer ? WeightStoreReader.ReadOptimizer(root, location) : null;

        foreach (var value in pending)
        {
            value.Apply();
        }

        return optimizerState is not null && OptimizerStateRestorer.Restore(model, optimizerState, location);
    }
}
