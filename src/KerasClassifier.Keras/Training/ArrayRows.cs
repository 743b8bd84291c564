using static TorchSharp.torch;

namespace KerasClassifier.Keras.Training;

/// <summary>
/// The examples of one batch taken from in-memory arrays: tensors over the whole arrays and the rows
/// to take, gathered in one copy when the batch moves to the device.
/// </summary>
/// <param name="Sources">One CPU tensor per model input over its whole array, batch axis first, channels_last.</param>
/// <param name="Rows">The example indices, in batch order.</param>
internal sealed record ArrayRows(IReadOnlyList<Tensor> Sources, long[] Rows)
{
    /// <summary>Gathers the rows of every source into new tensors that belong to the caller's dispose scope.</summary>
    /// <returns>One tensor per source, (rows, ...) in batch order.</returns>
    public IReadOnlyList<Tensor> Gather()
    {
        var index = tensor(Rows);
        return Sources.Select(source => source.index_select(0, index)).ToArray();
    }
}
