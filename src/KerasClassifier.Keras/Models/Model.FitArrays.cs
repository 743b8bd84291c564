using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Models;

public abstract partial class Model
{
    /// <summary>Trains on in-memory arrays with float targets (one-hot, binary or regression values).</summary>
    /// <param name="x">Inputs, channels_last, batch axis first.</param>
    /// <param name="y">Targets, batch axis first; class ids stored as floats work with sparse losses.</param>
    /// <param name="batchSize">Examples per step (default 32).</param>
    /// <param name="epochs">The index of the last epoch, as in Keras.</param>
    /// <param name="validationData">Arrays evaluated after every epoch; null for none.</param>
    /// <param name="shuffle">Whether to reshuffle every epoch (default true).</param>
    /// <param name="callbacks">Callbacks to call during training.</param>
    /// <param name="initialEpoch">The 0-based epoch to start at (default 0).</param>
    /// <param name="seed">The shuffle seed; null for a random one.</param>
    /// <param name="classWeight">A weight per class id (the arg-max of one-hot rows); classes left out weigh 1.</param>
    /// <param name="sampleWeight">A weight per example.</param>
    /// <param name="cancellationToken">Stops training after the current step.</param>
    /// <returns>The per-epoch logs.</returns>
    public History Fit(
        NDArray x,
        NDArray y,
        int batchSize = 32,
        int epochs = 1,
        (NDArray X, NDArray Y)? validationData = null,
        bool shuffle = true,
        IEnumerable<Callback>? callbacks = null,
        int initialEpoch = 0,
        int? seed = null,
        IReadOnlyDictionary<int, double>? classWeight = null,
        float[]? sampleWeight = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var weights = ExampleWeights.Combine(classWeight, y, sampleWeight, x.Length);
        var train = new ArrayBatchSource([x], null, [y], weights, batchSize, shuffle, seed, "the training data");
        var validation = validationData is { } v ? new ArrayBatchSource([v.X], null, [v.Y], null, batchSize, false, null, "the validation data") : null;
        return FitCore(train, validation, epochs, null, null, callbacks, initialEpoch, cancellationToken);
    }

    /// <summary>Trains a model with several inputs or outputs on one array per input and one target array per output.</summary>
    /// <param name="x">One input array per model input, in input order.</param>
    /// <param name="y">One target array per model output, in output order.</param>
    /// <param name="batchSize">Examples per step (default 32).</param>
    /// <param name="epochs">The index of the last epoch, as in Keras.</param>
    /// <param name="validationData">Arrays evaluated after every epoch; null for none.</param>
    /// <param name="shuffle">Whether to reshuffle every epoch (default true).</param>
    /// <param name="callbacks">Callbacks to call during training.</param>
    /// <param name="initialEpoch">The 0-based epoch to start at (default 0).</param>
    /// <param name="seed">The shuffle seed; null for a random one.</param>
    /// <param name="sampleWeight">A weight per example, applied to every output's loss.</param>
    /// <param name="cancellationToken">Stops training after the current step.</param>
    /// <returns>The per-epoch logs, with <c>{output}_loss</c> and <c>{output}_{metric}</c> keys when there are several outputs.</returns>
    /// <remarks>Keras's <c>class_weight</c> is not accepted here, as Keras rejects it for several outputs; pass <paramref name="sampleWeight"/>.</remarks>
    public History Fit(
        IReadOnlyList<NDArray> x,
        IReadOnlyList<NDArray> y,
        int batchSize = 32,
        int epochs = 1,
        (IReadOnlyList<NDArray> X, IReadOnlyList<NDArray> Y)? validationData = null,
        bool shuffle = true,
        IEnumerable<Callback>? callbacks = null,
        int initialEpoch = 0,
        int? seed = null,
        float[]? sampleWeight = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var weights = x.Count > 0 && x[0] is not null ? ExampleWeights.Combine(null, [], sampleWeight, x[0].Length) : null;
        var train = new ArrayBatchSource(x, null, y, weights, batchSize, shuffle, seed, "the training data");
        var validation = validationData is { } v ? new ArrayBatchSource(v.X, null, v.Y, null, batchSize, false, null, "the validation data") : null;
        return FitCore(train, validation, epochs, null, null, callbacks, initialEpoch, cancellationToken);
    }
}
