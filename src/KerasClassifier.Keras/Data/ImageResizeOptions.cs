namespace KerasClassifier.Keras.Data;

/// <summary>
/// Target size and resampling for decoded images.
/// </summary>
/// <param name="Height">Output height in pixels.</param>
/// <param name="Width">Output width in pixels.</param>
/// <param name="Interpolation">Resampling filter.</param>
/// <param name="CropToAspectRatio">
/// True crops the largest centred window with the target aspect ratio before resizing, so the image is
/// not distorted; false stretches the whole image.
/// </param>
internal readonly record struct ImageResizeOptions(
    int Height,
    int Width,
    ImageInterpolation Interpolation,
    bool CropToAspectRatio);
