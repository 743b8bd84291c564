using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Training;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Models;

public abstract partial class Model
{
    /// <summary>Runs the model in inference mode on in-memory inputs, as Keras's <c>predict</c>.</summary>
    /// <param name="x">Inputs, channels_last, batch axis first.</param>
    /// <param name="batchSize">Examples per step (default 32).</param>
    /// <param name="callbacks">Callbacks to call.</param>
    /// <returns>The outputs, batch axis first, e.g. (examples, classes).</returns>
    /// <exception cref="InvalidOperationException">The model has several outputs; use <see cref="PredictMultiOutput"/>.</exception>
    public NDArray Predict(NDArray x, int batchSize = 32, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return PredictCore(new ArrayBatchSource(x, null, batchSize, false, null, "the prediction data"), null, callbacks);
    }

    /// <summary>Runs a model with several inputs in inference mode.</summary>
    /// <param name="x">One input array per model input.</param>
    /// <param name="batchSize">Examples per step (default 32).</param>
    /// <param name="callbacks">Callbacks to call.</param>
    /// <returns>The output, batch axis first.</returns>
    /// <exception cref="InvalidOperationException">The model has several outputs; use <see cref="PredictMultiOutput"/>.</exception>
    public NDArray Predict(IReadOnlyList<NDArray> x, int batchSize = 32, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return SinglePrediction(PredictMultiOutput(x, batchSize, callbacks));
    }

    /// <summary>Runs a model with several inputs or outputs in inference mode.</summary>
    /// <param name="x">One input array per model input.</param>
    /// <param name="batchSize">Examples per step (default 32).</param>
    /// <param name="callbacks">Callbacks to call.</param>
    /// <returns>One array per output, batch axis first.</returns>
    public IReadOnlyList<NDArray> PredictMultiOutput(IReadOnlyList<NDArray> x, int batchSize = 32, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return PredictAll(new ArrayBatchSource(x, null, null, null, batchSize, false, null, "the prediction data"), null, callbacks);
    }

    /// <summary>Predicts over a batch source and stacks the first output.</summary>
    internal NDArray PredictCore(IBatchSource source, int? steps, IEnumerable<Callback>? callbacks) =>
        SinglePrediction(PredictAll(source, steps, callbacks));

    /// <summary>Predicts over a batch source and stacks every output.</summary>
    internal IReadOnlyList<NDArray> PredictAll(IBatchSource source, int? steps, IEnumerable<Callback>? callbacks)
    {
        using var batches = new EpochIterator(source, steps, nameof(steps), continueAcrossEpochs: false);
        var callbackList = new CallbackList(callbacks);
        callbackList.SetModel(this);
        var emptyLogs = new Dictionary<string, double>();
        callbackList.OnPredictBegin(emptyLogs);

        var outputs = new List<float>[OutputCount];
        var outputShapes = new int[OutputCount][];
        for (var i = 0; i < OutputCount; i++)
        {
            outputs[i] = [];
        }

        var count = 0;
        var step = 0;
        using (no_grad())
        {
            foreach (var batch in batches.Epoch(0, callbackList.OnWarning))
            {
                callbackList.OnPredictBatchBegin(step, emptyLogs);
                EnsureBuilt(batch);
                using (var scope = NewDisposeScope())
                {
                    var results = CallList(ToDevice(batch).Inputs, training: false);
                    for (var i = 0; i < results.Count; i++)
                    {
                        var output = TensorLayout.ToChannelsLast(results[i]).contiguous().cpu();
                        outputShapes[i] ??= output.shape.Skip(1).Select(d => (int)d).ToArray();
                        outputs[i].AddRange(output.data<float>().ToArray());
                    }

                    count += batch.Count;
                }

                callbackList.OnPredictBatchEnd(step, emptyLogs);
                step++;
            }
        }

        callbackList.OnPredictEnd(emptyLogs);
        var result = new NDArray[OutputCount];
        for (var i = 0; i < OutputCount; i++)
        {
            var shape = outputShapes[i] ?? (OutputCount == 1 ? OutputShape?.Dims.Skip(1).Select(d => d ?? 0).ToArray() : null) ?? [0];
            result[i] = new NDArray([.. outputs[i]], [count, .. shape]);
        }

        return result;
    }

    private NDArray SinglePrediction(IReadOnlyList<NDArray> outputs)
    {
        if (outputs.Count != 1)
        {
            throw new InvalidOperationException($"Model \"{Name}\" has {outputs.Count} outputs; call PredictMultiOutput to receive all of them.");
        }

        return outputs[0];
    }
}
