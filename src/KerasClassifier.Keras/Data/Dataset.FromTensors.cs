namespace KerasClassifier.Keras.Data;

public static partial class Dataset
{
    /// <summary>
    /// Creates a dataset of images from in-memory arrays, one element per image, as
    /// <c>tf.data.Dataset.from_tensor_slices((images, labels))</c>.
    /// </summary>
    /// <param name="images">Pixels in (count, height, width, channels) row-major order.</param>
    /// <param name="labels">Sparse class id of each image; its length sets the image count.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="channels">Channels per pixel.</param>
    /// <returns>An unbatched dataset; call <c>Batch</c> to feed it to a model.</returns>
    /// <remarks>The arrays are not copied up front: each pass copies one image slice per element.</remarks>
    /// <exception cref="ArgumentException">The image array length does not match the labels and sizes.</exception>
    public static Dataset<ImageExample> FromTensors(float[] images, int[] labels, int height, int width, int channels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);

        long expected = (long)labels.Length * height * width * channels;
        if (images.LongLength != expected)
        {
            throw new ArgumentException(
                $"images has {images.LongLength} values but {labels.Length} labels of {height}x{width}x{channels} images need {expected}.",
                nameof(images));
        }

        return new TensorSliceDataset(images, labels, height, width, channels);
    }
}
