using PureHDF;

namespace KerasClassifier.Keras.Saving.LegacyH5;

/// <summary>One layer group of a legacy HDF5 weights group that lists at least one weight.</summary>
/// <param name="Name">The layer name, as <c>layer_names</c> lists it.</param>
/// <param name="Group">The layer's group.</param>
/// <param name="Path">The group's HDF5 path, for messages, e.g. <c>/model_weights/dense</c>.</param>
/// <param name="WeightNames">The <c>weight_names</c> entries, each the path of a dataset below <paramref name="Group"/>, e.g. <c>dense/kernel:0</c>.</param>
internal sealed record StoredLayer(string Name, IH5Group Group, string Path, IReadOnlyList<string> WeightNames);
