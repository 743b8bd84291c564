namespace KerasClassifier.Keras.Data;

/// <summary>
/// Decodes a dataset of image files into examples on worker threads, in input order, leaving out
/// files the loader skips.
/// </summary>
internal sealed class ImageLoadDataset(Dataset<ImageFile> files, ImageLoader loader, int workers) : Dataset<ImageExample>
{
    // NOTE: this counts files, so a pass that skips unreadable files yields fewer elements than Cardinality.
    public override long Cardinality => files.Cardinality;

    public override IEnumerator<ImageExample> GetEnumerator()
    {
        var decoded = new MapDataset<ImageFile, ImageExample?>(files, file => loader.TryLoad(file, this), workers, deterministic: true);
        foreach (ImageExample? example in decoded)
        {
            if (example is not null)
            {
                yield return example;
            }
        }
    }
}
