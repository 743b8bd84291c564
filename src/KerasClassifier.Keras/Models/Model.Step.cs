using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Metrics;
using KerasClassifier.Keras.Training;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Models;

public abstract partial class Model
{
    /// <summary>Computes the weighted total loss of a batch and feeds each output's loss to its tracker.</summary>
    /// <param name="batch">The batch, with targets.</param>
    /// <param name="outputs">The model outputs in the backend layout, one per output.</param>
    /// <returns>The scalar total loss.</returns>
    /// <exception cref="ArgumentException">The batch has no targets, or not one target array per output.</exception>
    internal Tensor ComputeLoss(DeviceBatch batch, IReadOnlyList<Tensor> outputs)
    {
        var targets = RequireTargets(batch);
        Tensor? total = null;
        for (var i = 0; i < outputs.Count; i++)
        {
            var outputLoss = outputLosses[i].Compute(targets[i], outputs[i], batch.SampleWeights);
            if (outputLossTrackers.Count > 0)
            {
                outputLossTrackers[i].Add(outputLoss, outputs[i].shape[0]);
            }

            var weighted = lossWeights[i] == 1 ? outputLoss : outputLoss * lossWeights[i];
            total = total is null ? weighted : total + weighted;
        }

        return total!;
    }

    /// <summary>Updates the compiled metrics from a batch, without gradients.</summary>
    internal void UpdateMetrics(DeviceBatch batch, IReadOnlyList<Tensor> outputs)
    {
        if (CompiledMetrics.Count == 0)
        {
            return;
        }

        var targets = RequireTargets(batch);
        using (no_grad())
        {
            var predictions = outputs.Select(o => TensorLayout.ToChannelsLast(o.detach())).ToArray();
            for (var i = 0; i < CompiledMetrics.Count; i++)
            {
                var output = metricOutputs[i];
                CompiledMetrics[i].Update(targets[output], predictions[output]);
            }
        }
    }

    /// <summary>Clears the compiled metrics and per-output loss trackers before a phase.</summary>
    internal void ResetMetrics()
    {
        foreach (var metric in CompiledMetrics)
        {
            metric.Reset();
        }

        foreach (var tracker in outputLossTrackers)
        {
            tracker.Reset();
        }
    }

    /// <summary>Reads the loss, the per-output losses and the compiled metrics into a log dictionary.</summary>
    internal Dictionary<string, double> CollectLogs(MeanMetric lossMetric)
    {
        var logs = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = lossMetric.Result() };
        foreach (var tracker in outputLossTrackers)
        {
            logs[tracker.Name] = tracker.Result();
        }

        foreach (var metric in CompiledMetrics)
        {
            logs[metric.Name] = metric.Result();
        }

        return logs;
    }

    private IReadOnlyList<Tensor> RequireTargets(DeviceBatch batch)
    {
        if (batch.Targets is null)
        {
            throw new ArgumentException($"Model \"{Name}\" needs targets (y) to compute its loss and metrics, but the data has none.", "y");
        }

        if (batch.Targets.Count != OutputCount)
        {
            throw new ArgumentException(
                $"Model \"{Name}\" has {OutputCount} output(s) but the data has {batch.Targets.Count} target array(s); pass one target array per output.", "y");
        }

        return batch.Targets;
    }
}
