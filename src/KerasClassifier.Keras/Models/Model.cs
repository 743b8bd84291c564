using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Metrics;
using KerasClassifier.Keras.Optimizers;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Models;

/// <summary>
/// A model: layers plus the training API (<c>Compile</c>, <c>Fit</c>, <c>Evaluate</c>, <c>Predict</c>,
/// <c>Summary</c>), as Keras's <c>Model</c>.
/// </summary>
public abstract partial class Model : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Model"/> class.</summary>
    /// <param name="name">The model name; null picks a unique one from the class name.</param>
    protected Model(string? name = null)
        : base(name)
    {
    }

    /// <summary>Gets the layers in call order, the input layer left out as in Keras.</summary>
    public abstract IReadOnlyList<Layer> Layers { get; }

    /// <inheritdoc/>
    /// <remarks>Setting it sets every layer's flag as well, as Keras does, so freezing a whole backbone also puts its batch normalization in inference mode.</remarks>
    public override bool Trainable
    {
        get => base.Trainable;
        set
        {
            base.Trainable = value;
            foreach (var layer in Layers)
            {
                layer.Trainable = value;
            }
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<KerasVariable> Weights => Layers.SelectMany(l => l.Weights).Distinct().ToArray();

    /// <inheritdoc/>
    public override IReadOnlyList<KerasVariable> TrainableWeights =>
        Trainable ? Layers.SelectMany(l => l.TrainableWeights).Distinct().ToArray() : [];

    /// <inheritdoc/>
    public override IReadOnlyList<KerasVariable> NonTrainableWeights =>
        Weights.Except(TrainableWeights).ToArray();

    /// <summary>Gets the optimizer bound by <c>Compile</c>.</summary>
    public Optimizer? Optimizer { get; private set; }

    /// <summary>Gets the loss bound by <c>Compile</c>.</summary>
    public Loss? Loss { get; private set; }

    /// <summary>Gets the metrics bound by <c>Compile</c>, in order.</summary>
    public IReadOnlyList<Metric> CompiledMetrics { get; private set; } = [];

    /// <summary>Gets a value indicating whether <c>Compile</c> was called.</summary>
    public bool Compiled => Optimizer is not null;

    /// <summary>Gets or sets a value indicating whether training stops after the current epoch (set by callbacks).</summary>
    public bool StopTraining { get; set; }

    /// <summary>Gets or sets the number of epochs trained so far, across saves and reloads; <c>Fit</c> numbers epochs on from it.</summary>
    public int EpochsCompleted { get; set; }

    /// <summary>Gets or sets the clock used for the times in epoch summaries; replaceable in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets the model's input shape, batch axis included, once known.</summary>
    public Shape? InputShape => BuiltInputShape;

    /// <summary>Returns the layer with the given name.</summary>
    /// <param name="name">The layer name.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="ArgumentException">No layer has that name; the message lists the names.</exception>
    public Layer GetLayer(string name)
    {
        return Layers.FirstOrDefault(l => l.Name == name)
            ?? throw new ArgumentException(
                $"No layer named '{name}' in model '{Name}'; layers: {string.Join(", ", Layers.Select(l => l.Name))}.", nameof(name));
    }

    /// <summary>Moves every variable to the current backend device (see <see cref="KerasBackend.SetDevice"/>).</summary>
    public void ToCurrentDevice()
    {
        foreach (var layer in Layers)
        {
            layer.MoveTo(KerasBackend.Device);
        }
    }

    /// <summary>Builds the model for a per-batch input shape if it is not built yet.</summary>
    internal void EnsureBuilt(long[] batchShape)
    {
        var shape = new Shape([null, .. batchShape.Skip(1).Select(d => (int?)(int)d)]);
        Build(shape);
    }

    /// <summary>Converts a host batch to device tensors in the backend layout.</summary>
    internal static (Tensor Inputs, Tensor? Labels) ToDevice(Training.HostBatch batch)
    {
        var device = KerasBackend.Device;
        var inputs = tensor(batch.Inputs, batch.Shape);
        inputs = TensorLayout.FromChannelsLast(device.type == TorchSharp.DeviceType.CPU ? inputs : inputs.to(device));
        Tensor? labels = null;
        if (batch.Labels is not null)
        {
            labels = tensor(batch.Labels.Select(l => (long)l).ToArray(), [batch.Labels.LongLength]);
            if (device.type != TorchSharp.DeviceType.CPU)
            {
                labels = labels.to(device);
            }
        }

        return (inputs, labels);
    }
}
