namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Translates the slot names that tf.keras optimizers store to the names Keras 3 gives the same
/// state, and gives each its position among a weight's slots in Keras 3.
/// </summary>
/// <remarks>
/// Legacy (OptimizerV2) names: Adam and Nadam <c>m</c>, <c>v</c>, <c>vhat</c>; Adamax <c>m</c>, <c>v</c>;
/// SGD <c>momentum</c>; RMSprop <c>rms</c>, <c>momentum</c>, <c>mg</c>; Adagrad <c>accumulator</c>;
/// Adadelta <c>accum_grad</c>, <c>accum_var</c>; Ftrl <c>accumulator</c>, <c>linear</c>.
/// TensorFlow 2.11+ names: Adam, AdamW and Nadam <c>m</c>, <c>v</c>, <c>vhat</c>; Adamax <c>m</c>, <c>u</c>; SGD and Lion <c>m</c>;
/// RMSprop <c>velocity</c>, <c>momentum</c>, <c>average_gradient</c>; Adadelta <c>accumulated_grad</c>,
/// <c>accumulated_delta_var</c>.
/// </remarks>
internal static class OptimizerSlotNames
{
    // Per optimizer (lower-case class name): stored slot name -> Keras 3 slot name, listed in Keras 3's creation order.
    private static readonly Dictionary<string, (string Stored, string Keras)[]> Translations = new(StringComparer.Ordinal)
    {
        ["adam"] = [("m", "momentum"), ("v", "velocity"), ("vhat", "velocity_hat")],
        ["adamw"] = [("m", "momentum"), ("v", "velocity"), ("vhat", "velocity_hat")],
        ["nadam"] = [("m", "momentum"), ("v", "velocity")],
        ["adamax"] = [("m", "momentum"), ("v", "norm"), ("u", "norm")],
        ["sgd"] = [("momentum", "momentum"), ("m", "momentum")],
        ["lion"] = [("m", "momentum")],
        ["rmsprop"] = [("rms", "velocity"), ("velocity", "velocity"), ("momentum", "momentum"), ("mg", "average_gradient"), ("average_gradient", "average_gradient")],
        ["adagrad"] = [("accumulator", "accumulator")],
        ["adadelta"] = [("accum_grad", "accumulated_grad"), ("accumulated_grad", "accumulated_grad"), ("accum_var", "accumulated_delta_var"), ("accumulated_delta_var", "accumulated_delta_var")],
        ["ftrl"] = [("accumulator", "accumulator"), ("linear", "linear")],
    };

    /// <summary>Returns the Keras 3 name of a stored slot and its rank among the weight's slots.</summary>
    /// <param name="optimizerClassName">The optimizer's class name, e.g. <c>Adam</c>.</param>
    /// <param name="storedName">The slot name in the file, e.g. <c>m</c>.</param>
    /// <returns>The Keras 3 name and rank; an unknown slot keeps its name and ranks after the known ones.</returns>
    public static (string Name, int Rank) ToKeras3(string optimizerClassName, string storedName)
    {
        if (Translations.TryGetValue(optimizerClassName.ToLowerInvariant(), out var table))
        {
            var keras3Names = table.Select(t => t.Keras).Distinct().ToList();
            foreach (var (stored, keras) in table)
            {
                if (stored == storedName)
                {
                    return (keras, keras3Names.IndexOf(keras));
                }
            }
        }

        return (storedName, int.MaxValue);
    }
}
