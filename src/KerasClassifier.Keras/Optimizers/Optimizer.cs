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

        // Keras 3 lists the first InterleavedSlotCount slots per variable (Adam: m0, v0, m1, v1...)
        // and each further slot as a block over all variables (Adam's velocity_hat with amsgrad).
        foreach (var variable in trainable)
        {
            slots[variable] = SlotNames.Select(slot => CreateSlot(variable, slot)).ToArray();
            variables.AddRange(slots[variable].Take(InterleavedSlotCount));
        }

        for (var slot = InterleavedSlotCount; slot < SlotNames.Length; slot++)
        {
            variables.AddRange(trainable.Select(variable => slots[variable][slot]));
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

                UpdateStep(variable.Value, grad, variableSlots, step);
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

        // The variable is float32, as in Keras. A rate that rounds to it keeps its double value, so
        // that a run resumed from a file computes the same step sizes as one that never stopped.
        if (LearningRateVariable is not null)
        {
            var stored = LearningRateVariable.GetValue()[0];
            if ((float)learningRate != stored)
            {
                learningRate = stored;
            }
        }
    }

    /// <summary>Gets the number of slots each trainable variable gets.</summary>
    internal int SlotCount => SlotNames.Length;

    /// <summary>Gets how many leading slots Keras 3 interleaves per variable; the rest follow as blocks over all variables.</summary>
    internal virtual int InterleavedSlotCount => SlotNames.Length;

    /// <summary>Gets the slot names per variable, in Keras's order.</summary>
    private protected abstract string[] SlotNames { get; }

    /// <summary>Updates one variable in place.</summary>
    /// <param name="variable">The variable's tensor.</param>
    /// <param name="gradient">Its gradient.</param>
    /// <param name="variableSlots">Its slots in <see cref="SlotNames"/> order.</param>
    /// <param name="step">The 1-based step number.</param>
    private protected abstract void UpdateStep(Tensor variable, Tensor gradient, KerasVariable[] variableSlots, long step);

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
