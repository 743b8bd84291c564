namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>
/// Translates the slot names that tf.keras optimizers store to the names Keras 3 gives the same
/// state, and gives each its place in Keras 3's variable order.
/// </summary>
/// <remarks>
/// Legacy (OptimizerV2) names: Adam and Nadam <c>m</c>, <c>v</c>, <c>vhat</c>; Adamax <c>m</c>, <c>v</c>;
/// SGD <c>momentum</c>; RMSprop <c>rms</c>, <c>momentum</c>, <c>mg</c>; Adagrad <c>accumulator</c>;
/// Adadelta <c>accum_grad</c>, <c>accum_var</c>; Ftrl <c>accumulator</c>, <c>linear</c>.
/// TensorFlow 2.11+ names: Adam, AdamW and Nadam <c>m</c>, <c>v</c>, <c>vhat</c>; Adamax <c>m</c>, <c>u</c>; SGD and Lion <c>m</c>;
/// RMSprop <c>velocity</c>, <c>momentum</c>, <c>average_gradient</c>; Adadelta <c>accumulated_grad</c>,
/// <c>accumulated_delta_var</c>.
/// Keras 3 creates slots in groups: each group covers every variable before the next group
/// starts, and the slots of one group are interleaved per variable (Adam: m and v of each
/// variable, then every v_hat).
/// </remarks>
internal static class OptimizerSlotNames
{
    // Per optimizer (lower-case class name): stored slot name -> Keras 3 slot name and group, listed in creation order.
    private static readonly Dictionary<string, (string Stored, string Keras, int Group)[]> Translations = new(StringComparer.Ordinal)
    {
        ["adam"] = [("m", "momentum", 0), ("v", "velocity", 0), ("vhat", "velocity_hat", 1)],
        ["adamw"] = [("m", "momentum", 0), ("v", "velocity", 0), ("vhat", "velocity_hat", 1)],
        ["nadam"] = [("m", "momentum", 0), ("v", "velocity", 0)],
        ["adamax"] = [("m", "momentum", 0), ("v", "norm", 0), ("u", "norm", 0)],
        ["sgd"] = [("momentum", "momentum", 0), ("m", "momentum", 0)],
        ["lion"] = [("m", "momentum", 0)],
        ["rmsprop"] = [("rms", "velocity", 0), ("velocity", "velocity", 0), ("momentum", "momentum", 1), ("mg", "average_gradient", 2), ("average_gradient", "average_gradient", 2)],
        ["adagrad"] = [("accumulator", "accumulator", 0)],
        ["adadelta"] = [("accum_grad", "accumulated_grad", 0), ("accumulated_grad", "accumulated_grad", 0), ("accum_var", "accumulated_delta_var", 1), ("accumulated_delta_var", "accumulated_delta_var", 1)],
        ["ftrl"] = [("accumulator", "accumulator", 0), ("linear", "linear", 1)],
    };

    /// <summary>Returns the Keras 3 name of a stored slot, its group and its rank among the weight's slots.</summary>
    /// <param name="optimizerClassName">The optimizer's class name, e.g. <c>Adam</c>.</param>
    /// <param name="storedName">The slot name in the file, e.g. <c>m</c>.</param>
    /// <returns>The Keras 3 name, group and rank; an unknown slot keeps its name and comes after the known ones.</returns>
    public static (string Name, int Group, int Rank) ToKeras3(string optimizerClassName, string storedName)
    {
        if (Translations.TryGetValue(optimizerClassName.ToLowerInvariant(), out var table))
        {
            var keras3Names = table.Select(t => t.Keras).Distinct().ToList();
            foreach (var (stored, keras, group) in table)
            {
                if (stored == storedName)
                {
                    return (keras, group, keras3Names.IndexOf(keras));
                }
            }
        }

        return (storedName, int.MaxValue, int.MaxValue);
    }
}
