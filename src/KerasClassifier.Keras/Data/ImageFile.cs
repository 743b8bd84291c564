namespace KerasClassifier.Keras.Data;

/// <summary>
/// An image file and its sparse class id, before decoding.
/// </summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Label">Sparse class id.</param>
internal readonly record struct ImageFile(string Path, int Label);
