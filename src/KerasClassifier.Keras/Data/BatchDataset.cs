namespace KerasClassifier.Keras.Data;

/// <summary>
/// Stacks consecutive image examples into <see cref="ImageBatch"/> values.
/// </summary>
internal sealed class BatchDataset(
    Dataset<ImageExample> input,
    int batchSize,
    bool dropRemainder,
    string labelMode = "int",
    int numClasses = 0) : Dataset<ImageBatch>
{
    public override long Cardinality
    {
        get
        {
            long n = input.Cardinality;
            if (n < 0)
            {
                return n;
            }

            return dropRemainder ? n / batchSize : (n + batchSize - 1) / batchSize;
        }
    }

    public override IEnumerator<ImageBatch> GetEnumerator()
    {
        var pending = new List<ImageExample>(batchSize);
        foreach (ImageExample example in input)
        {
            pending.Add(example);
            if (pending.Count == batchSize)
            {
                yield return Stack(pending);
                pending.Clear();
            }
        }

        if (pending.Count > 0 && !dropRemainder)
        {
            yield return Stack(pending);
        }
    }

    private ImageBatch Stack(List<ImageExample> examples)
    {
        ImageExample first = examples[0];
        int imageLength = first.Pixels.Length;
        var images = PixelBufferPool.Rent((long)imageLength * examples.Count);
        var labels = new int[examples.Count];
        var paths = new string?[examples.Count];

        for (int i = 0; i < examples.Count; i++)
        {
            ImageExample example = examples[i];
            if (example.Height != first.Height || example.Width != first.Width || example.Channels != first.Channels)
            {
                throw new InvalidOperationException(
                    $"Cannot batch image '{example.SourcePath ?? $"#{i}"}' of shape ({example.Height}, {example.Width}, {example.Channels}) " +
                    $"with images of shape ({first.Height}, {first.Width}, {first.Channels}); resize all images to one size first.");
            }

            Array.Copy(example.Pixels, 0, images, (long)i * imageLength, imageLength);
            labels[i] = example.Label;
            paths[i] = example.SourcePath;
        }

        // The batch has its own copy now, so decoded images that no cache keeps go back for reuse.
        foreach (ImageExample example in examples)
        {
            example.ReleasePooledPixels();
        }

        return new ImageBatch(images, labels, examples.Count, first.Height, first.Width, first.Channels, paths, labelMode, numClasses)
        {
            OwnsPooledImages = true,
        };
    }
}
