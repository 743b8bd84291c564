namespace KerasClassifier.Keras.Data;

/// <summary>
/// Dataset that slices an NHWC image array into one example per image.
/// </summary>
internal sealed class TensorSliceDataset(float[] images, int[] labels, int height, int width, int channels)
    : Dataset<ImageExample>
{
    public override long Cardinality => labels.Length;

    public override IEnumerator<ImageExample> GetEnumerator()
    {
        int imageLength = height * width * channels;
        for (int i = 0; i < labels.Length; i++)
        {
            var pixels = new float[imageLength];
            Array.Copy(images, (long)i * imageLength, pixels, 0, imageLength);

            yield return new ImageExample(pixels, height, width, channels, labels[i]);
        }
    }
}
