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
    public NDArray Predict(NDArray x, int batchSize = 32, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return PredictCore(new ArrayBatchSource(x, null, batchSize, false, null, "the prediction data"), null, callbacks);
    }

    /// <summary>Predicts over a batch source and stacks the outputs.</summary>
    internal NDArray PredictCore(IBatchSource source, int? steps, IEnumerable<Callback>? callbacks)
    {
        var batches = new EpochIterator(source, steps, nameof(steps), continueAcrossEpochs: false);
        var callbackList = new CallbackList(callbacks);
        callbackList.SetModel(this);
        var emptyLogs = new Dictionary<string, double>();
        callbackList.OnPredictBegin(emptyLogs);

        var outputs = new List<float>();
        int[]? outputShape = null;
        var count = 0;
        var step = 0;
        using (no_grad())
        {
            foreach (var batch in batches.Epoch(0, callbackList.OnWarning))
            {
                callbackList.OnPredictBatchBegin(step, emptyLogs);
                EnsureBuilt(batch.Shape);
                using (var scope = NewDisposeScope())
                {
                    var (inputs, _) = ToDevice(batch);
                    var output = TensorLayout.ToChannelsLast(Call(inputs, training: false)).contiguous().cpu();
                    outputShape ??= output.shape.Skip(1).Select(d => (int)d).ToArray();
                    outputs.AddRange(output.data<float>().ToArray());
                    count += (int)output.shape[0];
                }

                callbackList.OnPredictBatchEnd(step, emptyLogs);
                step++;
            }
        }

        callbackList.OnPredictEnd(emptyLogs);
        outputShape ??= OutputShape?.Dims.Skip(1).Select(d => d ?? 0).ToArray() ?? [0];
        return new NDArray([.. outputs], [count, .. outputShape]);
    }
}
