using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Layers;

namespace KerasClassifier.Keras.Models;

/// <summary>
/// Helpers for the second phase of transfer learning: unfreezing a pretrained backbone after its new
/// head has been trained, as in Keras's transfer-learning guide.
/// </summary>
/// <example>
/// <code>
/// backbone.Trainable = false;                  // phase 1: train the new head
/// model.Compile(new Adam(1e-3), loss, ["accuracy"]);
/// model.Fit(train, epochs: 3, validationData: val);
///
/// FineTuning.Unfreeze(backbone);               // phase 2: train everything, slower
/// model.Compile(new Adam(1e-4), loss, ["accuracy"]);
/// model.Fit(train, epochs: 10, initialEpoch: 3, validationData: val);
/// </code>
/// </example>
public static class FineTuning
{
    /// <summary>
    /// Makes a layer and all its sublayers trainable, leaving batch normalization frozen unless asked otherwise.
    /// </summary>
    /// <param name="layer">The backbone (a model or a layer).</param>
    /// <param name="keepBatchNormalizationFrozen">
    /// True (default) keeps every <see cref="BatchNormalization"/> frozen, so it stays in inference mode
    /// with its pretrained statistics, as Keras's guide recommends: batch statistics of a small
    /// fine-tuning set would disturb what the following layers learned.
    /// </param>
    /// <remarks>Compile the model again afterwards, as in Keras: the optimizer has no slots for the newly trainable variables.</remarks>
    public static void Unfreeze(Layer layer, bool keepBatchNormalizationFrozen = true)
    {
        ArgumentNullException.ThrowIfNull(layer);

        layer.Trainable = true;
        if (!keepBatchNormalizationFrozen)
        {
            return;
        }

        foreach (var normalization in Descendants(layer).OfType<BatchNormalization>())
        {
            normalization.Trainable = false;
        }
    }

    /// <summary>Returns a layer's sublayers at every depth (models and residual blocks), the layer itself first.</summary>
    /// <param name="layer">The root layer.</param>
    /// <returns>The layers, depth first, in call order.</returns>
    public static IEnumerable<Layer> Descendants(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);

        yield return layer;
        IReadOnlyList<Layer> children = layer switch
        {
            Model model => model.Layers,
            ResNetBasicBlock block => block.Layers,
            _ => [],
        };

        foreach (var child in children)
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
