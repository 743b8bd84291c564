using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Training;

/// <summary>A batch on the compute device: inputs in the backend layout, targets and sample weights as Keras has them.</summary>
/// <param name="Inputs">One tensor per model input, rank-4 inputs in NCHW.</param>
/// <param name="Targets">One tensor per model output, channels_last (int64 class ids or float32 values); null for prediction.</param>
/// <param name="SampleWeights">One weight per example, or null.</param>
internal sealed record DeviceBatch(IReadOnlyList<Tensor> Inputs, IReadOnlyList<Tensor>? Targets, Tensor? SampleWeights)
{
    /// <summary>Copies a host batch to the current device; the tensors belong to the caller's dispose scope.</summary>
    public static DeviceBatch From(HostBatch batch)
    {
        var inputs = new List<Tensor> { TensorLayout.FromChannelsLast(ToDevice(tensor(batch.Inputs, batch.Shape))) };
        inputs.AddRange(batch.ExtraInputs.Select(e => TensorLayout.FromChannelsLast(ToDevice(tensor(e.Data, e.Shape)))));

        IReadOnlyList<Tensor>? targets = null;
        if (batch.Targets is not null)
        {
            targets = batch.Targets.Select(t => ToDevice(tensor(t.Data, t.Shape))).ToArray();
        }
        else if (batch.Labels is not null)
        {
            targets = [ToDevice(tensor(batch.Labels.Select(l => (long)l).ToArray(), [batch.Labels.LongLength]))];
        }

        var weights = batch.SampleWeights is null ? null : ToDevice(tensor(batch.SampleWeights, [batch.SampleWeights.LongLength]));
        return new DeviceBatch(inputs, targets, weights);
    }

    private static Tensor ToDevice(Tensor value)
    {
        var device = KerasBackend.Device;
        return device.type == TorchSharp.DeviceType.CPU ? value : value.to(device);
    }
}
