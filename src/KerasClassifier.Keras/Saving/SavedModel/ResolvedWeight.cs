namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>A weight read from the checkpoint and the layer it was listed under.</summary>
internal sealed record ResolvedWeight(SavedLayerWeights Layer, SavedTensor Weight);
