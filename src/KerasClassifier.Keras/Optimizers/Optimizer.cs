using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Optimizers;

/// <summary>
/// The base of Keras optimizers: a learning rate, an iteration count and per-variable slots, all
/// held as variables in Keras's order so that saving mid-run and resuming is exact.
/// </summary>
public abstract class Optimizer
{
    private readonly List<KerasVariable> variables = [];
    private readonly Dictionary<KerasVariable, KerasVariable[]> slots = [];
    private readonly Dictionary<KerasVariable, double> learningRateMultipliers = [];
    private double learningRate;

    /// <summary>Initializes a new instance of the <see cref="Optimizer"/> class.</summary>
    /// <param name="learningRate">The learning rate; positive.</param>
    /// <param name="name">The optimizer name, e.g. <c>adam</c>.</param>
    protected Optimizer(double learningRate, string name)
    {
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"Invalid learning rate {learningRate}; expected a positive finite number.");
        }

        this.learningRate = learningRate;
        Name = name;
    }

    /// <summary>Gets the optimizer name.</summary>
    public string Name { get; }

    /// <summary>Gets the Keras class name, e.g. <c>Adam</c>.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>Gets or sets the learning rate used by the next step.</summary>
    public double LearningRate
    {
        get => learningRate;
        set
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Invalid learning rate {value}; expected a positive finite number.");
            }

            learningRate = value;
            LearningRateVariable?.SetValue([(float)value]);
        }
    }

    /// <summary>Gets the number of steps applied so far (Keras's <c>iterations</c>).</summary>
    public long Iterations { get; private set; }

    /// <summary>Gets a value indicating whether the slots exist (after the first step or a load).</summary>
    public bool Built { get; private set; }

    /// <summary>
    /// Gets the state variables in Keras 3's order: <c>iteration</c>, <c>learning_rate</c>, then each
    /// trainable variable's slots in model order (Adam: momentum, velocity).
    /// </summary>
    public IReadOnlyList<KerasVariable> Variables => SyncIterations();

    private KerasVariable? IterationVariable { get; set; }

    private KerasVariable? LearningRateVariable { get; set; }

    /// <summary>Returns the Keras config with Keras's keys.</summary>
    /// <returns>The config object.</returns>
    public virtual JsonObject GetConfig() => new()
    {
        ["name"] = Name,
        ["learning_rate"] = LearningRate,
        ["weight_decay"] = null,
        ["clipnorm"] = null,
        ["global_clipnorm"] = null,
        ["clipvalue"] = null,
        ["use_ema"] = false,
        ["ema_momentum"] = 0.99,
        ["ema_overwrite_frequency"] = null,
        ["loss_scale_factor"] = null,
        ["gradient_accumulation_steps"] = null,
    };

    /// <summary>
    /// Scales the learning rate for every variable of a layer, for example 0.1 to fine-tune a
    /// pretrained backbone ten times slower than a new classifier head.
    /// </summary>
    /// <param name="layer">A built layer or model; all its variables, frozen ones included, take the multiplier.</param>
    /// <param name="multiplier">The factor applied to <see cref="LearningRate"/>; positive and finite. 1 restores the default.</param>
    /// <remarks>
    /// Keras has no such option; it plays the role of PyTorch's parameter groups. The multiplier is
    /// kept per variable, so it survives freezing and unfreezing the layer, and a later call overrides
    /// an earlier one for the same variables.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The multiplier is not positive and finite.</exception>
    /// <exception cref="InvalidOperationException">The layer is not built, so it has no variables yet.</exception>
    public void SetLearningRateMultiplier(Layers.Layer layer, double multiplier)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!(multiplier > 0) || double.IsInfinity(multiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, $"Invalid learning-rate multiplier {multiplier} for layer '{layer.Name}'; expected a positive finite number.");
        }

        if (!layer.Built)
        {
            throw new InvalidOperationException($"Layer '{layer.Name}' is not built, so it has no variables to set a learning-rate multiplier on; build the model first.");
        }

        foreach (var variable in layer.Weights)
        {
            learningRateMultipliers[variable] = multiplier;
        }
    }

    /// <summary>Returns the learning-rate multiplier of a variable: 1 unless <see cref="SetLearningRateMultiplier"/> set one.</summary>
    /// <param name="variable">The variable.</param>
    /// <returns>The multiplier.</returns>
    public double GetLearningRateMultiplier(KerasVariable variable) =>
        learningRateMultipliers.TryGetValue(variable, out var multiplier) ? multiplier : 1.0;

    /// <summary>Creates the iteration counter, learning-rate variable and the slots for each trainable variable.</summary>
    /// <param name="trainable">The variables in model order.</param>
    internal void Build(IReadOnlyList<KerasVariable> trainable)
    {
        if (Built)
        {
            return;
        }

        var iteration = zeros([], ScalarType.Int64, KerasBackend.Device);
        IterationVariable = new KerasVariable("iteration", $"{Name}/iteration", [], iteration.DetachFromDisposeScope(), false, VariableLayout.Identity);
        variables.Add(IterationVariable);

        var rate = full([], learningRate, ScalarType.Float32, KerasBackend.Device);
        LearningRateVariable = new KerasVariable("learning_rate", $"{Name}/learning_rate", [], rate.DetachFromDisposeScope(), false, VariableLayout.Identity);
        variables.Add(LearningRateVariable);

        foreach (var variable in trainable)
        {
            var created = SlotNames.Select(slot => CreateSlot(variable, slot)).ToArray();
            slots[variable] = created;
            variables.AddRange(created);
        }

        Built = true;
    }

    /// <summary>Applies one update to every variable that has a gradient, then counts the step.</summary>
    /// <param name="trainable">The variables in model order; those without a gradient are skipped.</param>
    internal void Apply(IReadOnlyList<KerasVariable> trainable)
    {
        Build(trainable);
        var step = Iterations + 1;
        using (no_grad())
        {
            foreach (var variable in trainable)
            {
                var grad = variable.Value.grad;
                if (grad is null)
                {
                    continue;
                }

                if (!slots.TryGetValue(variable, out var variableSlots))
                {
                    throw new InvalidOperationException(
                        $"Optimizer '{Name}' has no slots for variable '{variable.Path}'; the model's trainable variables changed after the optimizer was built. Compile the model again.");
                }

                UpdateStep(variable.Value, grad, variableSlots, step, LearningRate * GetLearningRateMultiplier(variable));
            }
        }

        Iterations = step;
    }

    /// <summary>Restores the iteration count after variables were loaded from a file.</summary>
    internal void SyncFromVariables()
    {
        if (IterationVariable is not null)
        {
            Iterations = IterationVariable.GetInt64Value()[0];
        }

        if (LearningRateVariable is not null)
        {
            learningRate = LearningRateVariable.GetValue()[0];
        }
    }

    /// <summary>Gets the slot names per variable, in Keras's order.</summary>
    private protected abstract string[] SlotNames { get; }

    /// <summary>Updates one variable in place.</summary>
    /// <param name="variable">The variable's tensor.</param>
    /// <param name="gradient">Its gradient.</param>
    /// <param name="variableSlots">Its slots in <see cref="SlotNames"/> order.</param>
    /// <param name="step">The 1-based step number.</param>
    /// <param name="learningRate">The variable's learning rate: <see cref="LearningRate"/> times its multiplier.</param>
    private protected abstract void UpdateStep(Tensor variable, Tensor gradient, KerasVariable[] variableSlots, long step, double learningRate);

    private KerasVariable CreateSlot(KerasVariable variable, string slot)
    {
        var value = zeros_like(variable.Value, requires_grad: false).detach();
        var keras = variable.Path.Replace('/', '_');
        return new KerasVariable(slot, $"{Name}/{keras}_{slot}", variable.Shape, value.DetachFromDisposeScope(), false, VariableLayoutOf(variable));
    }

    private static VariableLayout VariableLayoutOf(KerasVariable variable) => variable.Layout;

    private IReadOnlyList<KerasVariable> SyncIterations()
    {
        IterationVariable?.SetInt64Value([Iterations]);
        return variables;
    }
}
