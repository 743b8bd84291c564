namespace KerasClassifier.Keras.Data;

/// <summary>
/// Decodes an image file to RGB float pixels of a requested size. The one seam between the data
/// pipeline and an image library, so a format or decoder can change in one place.
/// </summary>
internal interface IImageDecoder
{
    /// <summary>
    /// Decodes <paramref name="path"/>, applies its EXIF orientation, converts it to RGB and resizes it.
    /// </summary>
    /// <param name="path">Image file.</param>
    /// <param name="resize">Target size and resampling.</param>
    /// <returns>Pixels in (height, width, 3) order, values 0 to 255.</returns>
    /// <exception cref="InvalidDataException">The file is not a supported image, is corrupt, or is too large.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    float[] Decode(string path, ImageResizeOptions resize);
}
