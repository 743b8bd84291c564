using KerasClassifier.Keras.Saving.Hdf5;
using PureHDF;

namespace KerasClassifier.Keras.Saving.LegacyH5;

/// <summary>
/// Reads the legacy <c>optimizer_weights</c> group and detects its generation from the names:
/// Keras 2.0 (<c>iterations:0</c>, <c>Variable_n:0</c>; all m then all v), tf.keras up to 2.10
/// (<c>Adam/iter:0</c>, <c>Adam/&lt;var&gt;/m:0</c>; all m then all v), tf-keras 2.11 to 2.15
/// (<c>iteration:0</c>; m and v interleaved, no learning rate) and Keras 3 (<c>adam/iteration</c>,
/// <c>adam/learning_rate</c>, then m and v interleaved).
/// </summary>
internal static class LegacyOptimizerWeights
{
    /// <summary>Reads the group.</summary>
    /// <param name="group">The <c>optimizer_weights</c> group.</param>
    /// <param name="location">The file, for messages.</param>
    /// <returns>The state; null when the group lists no weights.</returns>
    public static StoredOptimizerState? Read(IH5Group group, FileLocation location)
    {
        const string GroupPath = "/optimizer_weights";
        var names = Hdf5Reading.ReadStringList(group, GroupPath, "weight_names", location) ?? [];
        if (names.Count == 0)
        {
            return null;
        }

        var arrays = new List<StoredArray>(names.Count);
        foreach (var name in names)
        {
            var path = $"{GroupPath}/{name}";
            var dataset = group.LinkExists(name) ? group.Get(name) as IH5Dataset : null;
            arrays.Add(Hdf5Reading.ReadArray(dataset ?? throw location.Invalid(path, "weight_names lists this dataset, but it is missing."), path, location));
        }

        var first = StripSuffix(names[0]);
        var blocked = first.EndsWith("iterations", StringComparison.Ordinal) || first == "iter" || first.EndsWith("/iter", StringComparison.Ordinal);
        var hasLearningRate = names.Count > 1 && StripSuffix(names[1]).EndsWith("learning_rate", StringComparison.Ordinal);
        return new StoredOptimizerState(arrays, blocked ? OptimizerSlotLayout.Blocked : OptimizerSlotLayout.Interleaved, hasLearningRate, GroupPath);
    }

    private static string StripSuffix(string name) => name.EndsWith(":0", StringComparison.Ordinal) ? name[..^2] : name;
}
