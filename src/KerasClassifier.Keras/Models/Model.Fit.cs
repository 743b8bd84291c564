using System.Diagnostics;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Metrics;
using KerasClassifier.Keras.Training;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Models;

public abstract partial class Model
{
    private static readonly IReadOnlyDictionary<string, double> EmptyLogs = new Dictionary<string, double>();

    /// <summary>Trains on in-memory arrays, as Keras's <c>fit(x, y)</c>.</summary>
    /// <param name="x">Inputs, channels_last, batch axis first.</param>
    /// <param name="y">Integer class ids, one per example.</param>
    /// <param name="batchSize">Examples per step (default 32).</param>
    /// <param name="epochs">The index of the last epoch, as in Keras: training runs from <paramref name="initialEpoch"/> to it.</param>
    /// <param name="validationData">Arrays evaluated after every epoch; null for none.</param>
    /// <param name="shuffle">Whether to reshuffle the training examples every epoch (default true).</param>
    /// <param name="callbacks">Callbacks to call during training.</param>
    /// <param name="initialEpoch">The 0-based epoch to start at, for resuming (default 0).</param>
    /// <param name="seed">The shuffle seed; null for a random one.</param>
    /// <param name="classWeight">A weight per class id that scales the loss of its examples, as Keras's <c>class_weight</c>; classes left out weigh 1.</param>
    /// <param name="sampleWeight">A weight per example that scales its loss, as Keras's <c>sample_weight</c>; multiplied with <paramref name="classWeight"/> when both are given.</param>
    /// <param name="cancellationToken">Stops training after the current step.</param>
    /// <returns>The per-epoch logs.</returns>
    public History Fit(
        NDArray x,
        int[] y,
        int batchSize = 32,
        int epochs = 1,
        (NDArray X, int[] Y)? validationData = null,
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
        var train = new ArrayBatchSource([x], y, null, weights, batchSize, shuffle, seed, "the training data");
        var validation = validationData is { } v ? new ArrayBatchSource(v.X, v.Y, batchSize, false, null, "the validation data") : null;
        return FitCore(train, validation, epochs, null, null, callbacks, initialEpoch, cancellationToken);
    }

    /// <summary>Runs the training loop over batch sources; every public <c>Fit</c> overload ends here.</summary>
    internal History FitCore(
        IBatchSource train,
        IBatchSource? validation,
        int epochs,
        int? stepsPerEpoch,
        int? validationSteps,
        IEnumerable<Callback>? callbacks,
        int initialEpoch,
        CancellationToken cancellationToken)
    {
        RequireCompiled("Fit");
        if (initialEpoch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(initialEpoch), initialEpoch, "Invalid initialEpoch; expected 0 or more.");
        }

        if (epochs <= initialEpoch)
        {
            throw new ArgumentOutOfRangeException(
                nameof(epochs), epochs, $"Invalid epochs {epochs}; expected more than initialEpoch ({initialEpoch}), since Keras counts epochs up to this index.");
        }

        // Both step-count rules are checked before the first step, so a bad dataset fails at once.
        using var trainEpochs = new EpochIterator(train, stepsPerEpoch, nameof(stepsPerEpoch), continueAcrossEpochs: true);
        using var validationEpochs = validation is null
            ? null
            : new EpochIterator(validation, validationSteps, nameof(validationSteps), continueAcrossEpochs: false);

        var history = new History();
        var callbackList = new CallbackList([.. callbacks ?? [], history]);
        callbackList.SetModel(this);
        callbackList.SetParams(new Dictionary<string, object?>
        {
            ["epochs"] = epochs,
            ["steps"] = trainEpochs.PlannedSteps,
            ["validation_steps"] = validationEpochs?.PlannedSteps,
            ["initial_epoch"] = initialEpoch,
        });

        StopTraining = false;
        StopTrainingReason = null;
        var run = new TrainingRun(this, callbackList);
        callbackList.OnTrainBegin(EmptyLogs);
        callbackList.OnTrainBeginCompleted();

        // A callback such as BackupAndRestore may move the start past epochs a killed run finished.
        var firstEpoch = TakeResumeEpoch(initialEpoch, trainEpochs);
        for (var epoch = firstEpoch; epoch < epochs; epoch++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                run.Stop(StopReason.Cancelled, $"Training was cancelled before epoch {epoch + 1}.");
                break;
            }

            callbackList.OnEpochBegin(epoch, EmptyLogs);

            // Training steps.
            var trainSummary = run.TrainEpoch(epoch, trainEpochs, cancellationToken);
            if (trainSummary is null)
            {
                break;
            }

            callbackList.OnPhaseEnd(trainSummary);
            if (run.Reason is StopReason.Cancelled or StopReason.NonFiniteLoss)
            {
                break;
            }

            // Validation after the epoch, without gradients.
            var epochLogs = new Dictionary<string, double>(trainSummary.Metrics);
            if (validationEpochs is not null)
            {
                var testSummary = RunTest(epoch, validationEpochs, callbackList, run.Warn, cancellationToken);
                callbackList.OnPhaseEnd(testSummary);
                foreach (var (key, value) in testSummary.Metrics)
                {
                    epochLogs["val_" + key] = value;
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    run.Stop(StopReason.Cancelled, $"Training was cancelled during validation of epoch {epoch + 1}.");
                    break;
                }
            }

            epochLogs["learning_rate"] = Optimizer!.LearningRate;
            EpochsCompleted = epoch + 1;
            run.LastLogs = epochLogs;
            callbackList.OnEpochEnd(epoch, epochLogs);
            callbackList.OnEpochEndCompleted(epoch);

            if (StopTraining)
            {
                run.Stop(StopReason.StoppedByCallback, StopTrainingReason ?? $"Training was stopped by a callback after epoch {epoch + 1}.");
                break;
            }
        }

        if (run.Reason is null)
        {
            run.Stop(StopReason.EpochsCompleted, FinishedMessage(epochs, initialEpoch, firstEpoch));
        }

        callbackList.OnStop(run.Reason!.Value, run.StopMessage!);
        callbackList.OnTrainEnd(run.LastLogs);
        return history;
    }

    /// <summary>Runs one pass of evaluation steps and summarises it.</summary>
    internal PhaseSummary RunTest(int epoch, EpochIterator batches, CallbackList callbacks, Action<string> warn, CancellationToken cancellationToken)
    {
        var lossMetric = new MeanMetric("loss");
        ResetMetrics();

        callbacks.OnTestBegin(EmptyLogs);
        var stopwatch = Stopwatch.StartNew();
        var steps = 0;
        using (no_grad())
        {
            foreach (var batch in batches.Epoch(epoch, warn))
            {
                callbacks.OnTestBatchBegin(steps, EmptyLogs);
                EnsureBuilt(batch);
                using (var scope = NewDisposeScope())
                {
                    var deviceBatch = ToDevice(batch);
                    var outputs = CallList(deviceBatch.Inputs, training: false);
                    lossMetric.Add(ComputeLoss(deviceBatch, outputs), batch.Count);
                    UpdateMetrics(deviceBatch, outputs);
                }

                steps++;
                callbacks.OnTestBatchEnd(steps - 1, callbacks.WantsBatchLogs ? CollectLogs(lossMetric) : EmptyLogs);
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var logs = CollectLogs(lossMetric);
        lossMetric.Reset();
        callbacks.OnTestEnd(logs);
        return new PhaseSummary(
            TrainingPhase.Testing,
            epoch,
            steps,
            batches.PlannedSteps ?? steps,
            steps == 0 ? 0 : elapsed / steps,
            logs,
            Optimizer?.LearningRate ?? 0,
            TimeProvider.GetLocalNow());
    }
}
