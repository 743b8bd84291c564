using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Models;

public abstract partial class Model
{
    /// <summary>Trains on a dataset of image batches, as Keras's <c>fit</c> on a <c>tf.data.Dataset</c>.</summary>
    /// <param name="x">The training batches.</param>
    /// <param name="epochs">The index of the last epoch, as in Keras: training runs from <paramref name="initialEpoch"/> to it.</param>
    /// <param name="validationData">Batches evaluated after every epoch; null for none. Never repeated unless <paramref name="validationSteps"/> is given.</param>
    /// <param name="stepsPerEpoch">
    /// Batches per epoch; null means one full pass. Required for a dataset that repeats forever. With
    /// it, a repeated dataset continues across epochs, and a finite one that runs out ends the epoch
    /// early with a warning.
    /// </param>
    /// <param name="validationSteps">Validation batches per epoch; required when the validation data repeats forever.</param>
    /// <param name="callbacks">Callbacks to call during training.</param>
    /// <param name="initialEpoch">The 0-based epoch to start at, for resuming (default 0).</param>
    /// <param name="cancellationToken">Stops training after the current step.</param>
    /// <returns>The per-epoch logs.</returns>
    /// <example>
    /// <code>
    /// var train = Dataset.FromDirectory("data/train", imageSize: (64, 64), seed: 1).Repeat();
    /// var val = Dataset.FromDirectory("data/val", imageSize: (64, 64), shuffle: false);
    /// var history = model.Fit(train, epochs: 10, validationData: val, stepsPerEpoch: 100);
    /// </code>
    /// </example>
    /// <exception cref="ArgumentException">The dataset repeats forever and no step count is given.</exception>
    public History Fit(
        Dataset<ImageBatch> x,
        int epochs = 1,
        Dataset<ImageBatch>? validationData = null,
        int? stepsPerEpoch = null,
        int? validationSteps = null,
        IEnumerable<Callback>? callbacks = null,
        int initialEpoch = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        var train = new DatasetBatchSource(x, "the training dataset");
        var validation = validationData is null ? null : new DatasetBatchSource(validationData, "the validation dataset");
        return FitCore(train, validation, epochs, stepsPerEpoch, validationSteps, callbacks, initialEpoch, cancellationToken);
    }

    /// <summary>Computes the loss and metrics over a dataset, as Keras's <c>evaluate</c>.</summary>
    /// <param name="x">The batches.</param>
    /// <param name="steps">Batches to evaluate; null for one full pass (required for a dataset that repeats forever).</param>
    /// <param name="callbacks">Callbacks to call.</param>
    /// <param name="cancellationToken">Stops after the current step.</param>
    /// <returns>The metrics by name.</returns>
    public IReadOnlyDictionary<string, double> Evaluate(
        Dataset<ImageBatch> x, int? steps = null, IEnumerable<Callback>? callbacks = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        return EvaluateCore(new DatasetBatchSource(x, "the evaluation dataset"), steps, callbacks, cancellationToken).Metrics;
    }

    /// <summary>Runs the model in inference mode over a dataset, as Keras's <c>predict</c>.</summary>
    /// <param name="x">The batches; labels are ignored.</param>
    /// <param name="steps">Batches to predict; null for one full pass.</param>
    /// <param name="callbacks">Callbacks to call.</param>
    /// <returns>The outputs, batch axis first.</returns>
    public NDArray Predict(Dataset<ImageBatch> x, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return PredictCore(new DatasetBatchSource(x, "the prediction dataset"), steps, callbacks);
    }
}
