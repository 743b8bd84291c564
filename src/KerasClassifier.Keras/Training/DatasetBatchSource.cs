using KerasClassifier.Keras.Data;

namespace KerasClassifier.Keras.Training;

/// <summary>Adapts a <see cref="Dataset{T}"/> of image batches to the trainer's batch source.</summary>
internal sealed class DatasetBatchSource : IBatchSource
{
    private readonly Dataset<ImageBatch> dataset;

    public DatasetBatchSource(Dataset<ImageBatch> dataset, string description)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        this.dataset = dataset;
        Description = description;
    }

    public long Cardinality => dataset.Cardinality;

    public string Description { get; }

    public IEnumerator<HostBatch> Open() => Iterate().GetEnumerator();

    private IEnumerable<HostBatch> Iterate()
    {
        foreach (var batch in dataset)
        {
            yield return new HostBatch(batch.Images, [batch.Count, batch.Height, batch.Width, batch.Channels], batch.Labels);

            // The step has copied the batch into tensors by the time the next one is asked for.
            batch.ReleasePooledImages();
        }
    }
}
