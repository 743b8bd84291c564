using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>A batch source with a chosen number of batches per pass, or endless, counting passes.</summary>
internal sealed class ScriptedSource : IBatchSource
{
    private readonly (NDArray X, int[] Y) data;
    private readonly int batchesPerPass;
    private readonly bool endless;

    public ScriptedSource((NDArray X, int[] Y) data, int batchesPerPass, bool endless = false)
    {
        this.data = data;
        this.batchesPerPass = batchesPerPass;
        this.endless = endless;
    }

    public int PassesStarted { get; private set; }

    public int BatchesYielded { get; private set; }

    /// <summary>Gets the passes that ended, by running out or by their enumerator being disposed.</summary>
    public int PassesClosed { get; private set; }

    public long Cardinality => endless ? Training.Cardinality.Infinite : batchesPerPass;

    public string Description => "the scripted dataset";

    public IEnumerator<HostBatch> Open()
    {
        PassesStarted++;
        return Iterate();
    }

    private IEnumerator<HostBatch> Iterate()
    {
        var size = data.X.Data.Length / data.X.Length;
        try
        {
            for (var i = 0; endless || i < batchesPerPass; i++)
            {
                var index = i % data.X.Length;
                BatchesYielded++;
                yield return new HostBatch(
                    data.X.Data.AsSpan(index * size, size).ToArray(),
                    [1, .. data.X.Shape.Skip(1).Select(d => (long)d)],
                    [data.Y[index]]);
            }
        }
        finally
        {
            PassesClosed++;
        }
    }
}
