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
/// <remarks>
/// <see cref="Sequential"/> and <see cref="Functional"/> are the usual models. A subclassed model
/// derives from this class, keeps its layers in fields, and overrides
/// <see cref="Layer.CallCore(Tensor, bool)"/>, calling each layer with <see cref="Layer.Apply(Tensor, bool)"/>;
/// it is built by one forward pass on zeros when the input shape becomes known.
/// </remarks>
/// <example>
/// <code>
/// public sealed class TwoLayerModel : Model
/// {
///     private readonly Dense hidden = new(16, activation: "relu");
///     private readonly Dense head = new(3, activation: "softmax");
///
///     protected override Tensor CallCore(Tensor inputs, bool training) =>
///         head.Apply(hidden.Apply(inputs, training), training);
/// }
/// </code>
/// </example>
public abstract partial class Model : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Model"/> class.</summary>
    /// <param name="name">The model name; null picks a unique one from the class name.</param>
    protected Model(string? name = null)
        : base(name)
    {
    }

    /// <summary>Gets the layers: in call order for <see cref="Sequential"/> (input layer left out, as in Keras), in graph order for <see cref="Functional"/>.</summary>
    /// <remarks>The default, for subclassed models, lists the fields that hold a layer or a collection of layers, in declaration order.</remarks>
    public virtual IReadOnlyList<Layer> Layers => LayerTracking.FindLayerFields(this);

    /// <summary>Gets or sets a value indicating whether training updates the model; setting it sets every layer's flag too, as in Keras 3.</summary>
    /// <remarks>So freezing a backbone model also puts its <c>BatchNormalization</c> layers in inference mode.</remarks>
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
    public override IReadOnlyList<KerasVariable> Weights => OwnWeights.Concat(Layers.SelectMany(l => l.Weights)).Distinct().ToArray();

    /// <inheritdoc/>
    public override IReadOnlyList<KerasVariable> TrainableWeights =>
        Trainable ? OwnWeights.Where(w => w.Trainable).Concat(Layers.SelectMany(l => l.TrainableWeights)).Distinct().ToArray() : [];

    /// <inheritdoc/>
    public override IReadOnlyList<KerasVariable> NonTrainableWeights =>
        Weights.Except(TrainableWeights).ToArray();

    /// <summary>Gets the optimizer bound by <c>Compile</c>.</summary>
    public Optimizer? Optimizer { get; private set; }

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

    /// <summary>Gets the nodes of the model's graph, or null for a subclassed model, which has none.</summary>
    internal virtual HashSet<Node>? GraphNodes => null;

    /// <summary>Gets the number of inputs the model takes.</summary>
    internal virtual int InputCount => 1;

    /// <summary>Gets the number of outputs the model returns.</summary>
    internal virtual int OutputCount => 1;

    /// <summary>Builds the model for the shapes of a batch if it is not built yet.</summary>
    internal void EnsureBuilt(Training.HostBatch batch)
    {
        var shapes = batch.InputShapes.Select(s => new Shape([null, .. s.Skip(1).Select(d => (int?)(int)d)])).ToArray();
        if (shapes.Length != InputCount)
        {
            throw new ArgumentException(
                $"Model \"{Name}\" expects {InputCount} input array(s), but the data has {shapes.Length}; pass one array per model input.", "x");
        }

        Build(shapes);
    }

    /// <inheritdoc/>
    /// <remarks>The default, for subclassed models, runs one forward pass on zeros so that every layer creates its variables.</remarks>
    protected override void BuildCore(Shape inputShape) => _ = ShapeInference.InferOutputShapes(this, [inputShape]);

    /// <inheritdoc/>
    protected override void BuildCore(IReadOnlyList<Shape> inputShapes) => _ = ShapeInference.InferOutputShapes(this, inputShapes);

    /// <summary>Converts a host batch to device tensors in the backend layout.</summary>
    internal static Training.DeviceBatch ToDevice(Training.HostBatch batch) => Training.DeviceBatch.From(batch);
}
