using KerasClassifier.Keras.Saving.Hdf5;

namespace KerasClassifier.Keras.Saving;

/// <summary>An optimizer's variables as a file stores them, with what is known about their order.</summary>
/// <param name="Arrays">The arrays in file order: the step count first.</param>
/// <param name="Layout">How the slots are ordered.</param>
/// <param name="HasLearningRate">Whether the second array is the learning rate; null decides by count, for formats without names.</param>
/// <param name="GroupPath">The HDF5 group they come from, for messages.</param>
internal sealed record StoredOptimizerState(IReadOnlyList<StoredArray> Arrays, OptimizerSlotLayout Layout, bool? HasLearningRate, string GroupPath);
