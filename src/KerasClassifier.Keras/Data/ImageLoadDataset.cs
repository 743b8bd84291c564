namespace KerasClassifier.Keras.Data;

/// <summary>
/// Decodes a dataset of image files into examples, leaving out files the loader skips.
/// </summary>
internal sealed class ImageLoadDataset(Dataset<ImageFile> files, ImageLoader loader) : Dataset<ImageExample>
{
    // NOTE: this counts files, so a pass that skips unreadable files yields fewer elements than Cardinality.
    public override long Cardinality => files.Cardinality;

    public override IEnumerator<ImageExample> GetEnumerator()
    {
        foreach (ImageFile file in files)
        {
            ImageExample? example = loader.TryLoad(file, this);
            if (example is not null)
            {
                yield return example;
            }
        }
    }
}
