using System.Diagnostics;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Metrics;
using KerasClassifier.Keras.Training;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Models;

/// <summary>The state of one <c>Fit</c> call: the stop reason, the last logs and the training steps.</summary>
internal sealed class TrainingRun
{
    private readonly Model model;
    private readonly CallbackList callbacks;
    private readonly MeanMetric lossMetric = new("loss");
    private IReadOnlyList<KerasVariable>? trainable;

    public TrainingRun(Model model, CallbackList callbacks)
    {
        this.model = model;
        this.callbacks = callbacks;
    }

    public StopReason? Reason { get; private set; }

    public string? StopMessage { get; private set; }

    public IReadOnlyDictionary<string, double> LastLogs { get; set; } = new Dictionary<string, double>();

    public void Stop(StopReason reason, string message)
    {
        Reason ??= reason;
        StopMessage ??= message;
    }

    public void Warn(string message) => callbacks.OnWarning(message);

    /// <summary>Runs the training steps of one epoch; returns null when not a single step could run.</summary>
    public PhaseSummary? TrainEpoch(int epoch, EpochIterator batches, CancellationToken cancellationToken)
    {
        lossMetric.Reset();
        model.ResetMetrics();

        var stopwatch = Stopwatch.StartNew();
        var steps = 0;
        var emptyLogs = new Dictionary<string, double>();
        foreach (var batch in batches.Epoch(epoch, Warn))
        {
            callbacks.OnTrainBatchBegin(steps, emptyLogs);
            var lossValue = TrainStep(batch);
            steps++;
            callbacks.OnTrainBatchEnd(steps - 1, callbacks.WantsBatchLogs ? model.CollectLogs(lossMetric) : emptyLogs);

            if (!float.IsFinite(lossValue))
            {
                Stop(StopReason.NonFiniteLoss, $"Loss became {lossValue} at epoch {epoch + 1}, step {steps}; training stopped. Lower the learning rate or check the data.");
                break;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                Stop(StopReason.Cancelled, $"Training was cancelled at epoch {epoch + 1}, step {steps}, after the step finished.");
                break;
            }

            // As in Keras, a callback's stop request ends the epoch early; validation and the epoch's end still run.
            if (model.StopTraining)
            {
                break;
            }
        }

        if (steps == 0)
        {
            Stop(StopReason.DataExhausted, $"The training data yielded no batches in epoch {epoch + 1}; training stopped.");
            return null;
        }

        var elapsed = stopwatch.Elapsed.TotalSeconds;
        return new PhaseSummary(
            TrainingPhase.Training,
            epoch,
            steps,
            batches.PlannedSteps ?? steps,
            elapsed / steps,
            model.CollectLogs(lossMetric),
            model.Optimizer!.LearningRate,
            model.TimeProvider.GetLocalNow());
    }

    private float TrainStep(HostBatch batch)
    {
        model.EnsureBuilt(batch);
        trainable ??= PrepareVariables();

        using var scope = NewDisposeScope();
        var deviceBatch = Model.ToDevice(batch);
        var outputs = model.CallList(deviceBatch.Inputs, training: true);
        var loss = model.ComputeLoss(deviceBatch, outputs);

        foreach (var variable in trainable)
        {
            variable.Value.grad?.zero_();
        }

        loss.backward();
        model.Optimizer!.Apply(trainable);

        lossMetric.Add(loss, batch.Count);
        model.UpdateMetrics(deviceBatch, outputs);

        // The loss is read every step so a NaN stops training at the step where it appeared.
        return loss.item<float>();
    }

    /// <summary>Turns gradients on only for the variables training updates, so frozen layers cost no backward work.</summary>
    private IReadOnlyList<KerasVariable> PrepareVariables()
    {
        var trainableNow = model.TrainableWeights;
        var set = new HashSet<KerasVariable>(trainableNow);
        foreach (var variable in model.Weights)
        {
            var wanted = set.Contains(variable);
            if (variable.Value.requires_grad != wanted)
            {
                variable.Value.requires_grad_(wanted);
            }
        }

        return trainableNow;
    }
}
