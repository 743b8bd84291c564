using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Optimizers;

/// <summary>
/// The base of Keras optimizers: a learning rate, an iteration count and per-variable slots, all
/// held as variables in Keras's order so that saving mid-run and resuming is exact.
/// </summary>
/// <remarks>
/// Each step runs as Keras 3's: variables without a gradient are skipped; gradients are clipped
/// (<see cref="ClipNorm"/>, else <see cref="GlobalClipNorm"/>, else <see cref="ClipValue"/>); weight
/// decay shrinks each variable by <c>lr * weightDecay</c>, decoupled from the gradient; then the
/// optimizer's own update runs.
/// </remarks>
/// <example><c>var optimizer = new SGD(0.1, momentum: 0.9) { ClipNorm = 1.0, WeightDecay = 1e-4 };</c></example>
public abstract class Optimizer
{
    private readonly List<KerasVariable> variables = [];
    private readonly Dictionary<KerasVariable, KerasVariable[]> slots = [];
    private readonly Dictionary<KerasVariable, double> learningRateMultipliers = [];
    private double learningRate;
    private double? weightDecay;
    private double? clipNorm;
    private double? clipValue;
    private double? globalClipNorm;

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

    /// <summary>Gets or sets the decoupled weight decay (Keras's <c>weight_decay</c>), or null for none; 0 or more.</summary>
    public double? WeightDecay
    {
        get => weightDecay;
        init => weightDecay = CheckNonNegative(value, nameof(WeightDecay));
    }

    /// <summary>Gets or sets the maximum L2 norm of each variable's gradient (Keras's <c>clipnorm</c>), or null.</summary>
    /// <exception cref="ArgumentException">Another clipping option is already set; Keras allows only one.</exception>
    public double? ClipNorm
    {
        get => clipNorm;
        init => clipNorm = CheckClip(value, nameof(ClipNorm));
    }

    /// <summary>Gets or sets the bound of every gradient element, <c>[-clipValue, clipValue]</c> (Keras's <c>clipvalue</c>), or null.</summary>
    /// <exception cref="ArgumentException">Another clipping option is already set.</exception>
    public double? ClipValue
    {
        get => clipValue;
        init => clipValue = CheckClip(value, nameof(ClipValue));
    }

    /// <summary>Gets or sets the maximum L2 norm of all gradients together (Keras's <c>global_clipnorm</c>), or null.</summary>
    /// <exception cref="ArgumentException">Another clipping option is already set.</exception>
    public double? GlobalClipNorm
    {
        get => globalClipNorm;
        init => globalClipNorm = CheckClip(value, nameof(GlobalClipNorm));
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
        ["weight_decay"] = WeightDecay,
        ["clipnorm"] = ClipNorm,
        ["global_clipnorm"] = GlobalClipNorm,
        ["clipvalue"] = ClipValue,
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

        // Keras creates each group of slots for every variable before the next group, interleaving the
        // slots inside a group (Adam: m and v per variable, then every v_hat).
        var created = trainable.ToDictionary(v => v, _ => new List<KerasVariable>());
        foreach (var group in SlotGroups)
        {
            foreach (var variable in trainable)
            {
                foreach (var slot in group)
                {
                    var value = CreateSlot(variable, slot);
                    created[variable].Add(value);
                    variables.Add(value);
                }
            }
        }

        foreach (var (variable, list) in created)
        {
            slots[variable] = [.. list];
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
            var updates = new List<(KerasVariable Variable, Tensor Gradient, KerasVariable[] Slots)>();
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

                updates.Add((variable, grad, variableSlots));
            }

            var gradients = ClipGradients(updates.Select(u => u.Gradient).ToArray());
            if (WeightDecay is { } decay)
            {
                foreach (var (variable, _, _) in updates)
                {
                    variable.Value.sub_(variable.Value * (decay * LearningRate * GetLearningRateMultiplier(variable)));
                }
            }

            for (var i = 0; i < updates.Count; i++)
            {
                UpdateStep(updates[i].Variable.Value, gradients[i], updates[i].Slots, step, LearningRate * GetLearningRateMultiplier(updates[i].Variable));
            }
        }

        Iterations = step;
    }

    /// <summary>Returns the slots of one trainable variable in <see cref="SlotNames"/> order; empty before <see cref="Build"/> or for a variable it did not see.</summary>
    internal IReadOnlyList<KerasVariable> SlotsOf(KerasVariable variable) =>
        slots.TryGetValue(variable, out var variableSlots) ? variableSlots : [];

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

    /// <summary>Gets the sizes of the slot groups, in <see cref="SlotNames"/> order, for mapping files that order slots otherwise.</summary>
    internal IReadOnlyList<int> SlotGroupSizes => SlotGroups.Select(group => group.Length).ToArray();

    /// <summary>Gets the slot names per variable, in Keras's order.</summary>
    private protected abstract string[] SlotNames { get; }

    /// <summary>
    /// Gets the slot names in the groups Keras creates them in: a group's slots are interleaved per
    /// variable, and each group covers every variable before the next starts. The default is one group.
    /// </summary>
    private protected virtual IReadOnlyList<string[]> SlotGroups => [SlotNames];

    /// <summary>Returns the value a slot starts at (0 unless an optimizer overrides it, as Adagrad does for its accumulator).</summary>
    private protected virtual double SlotInitialValue(string slot) => 0;

    /// <summary>Updates one variable in place.</summary>
    /// <param name="variable">The variable's tensor.</param>
    /// <param name="gradient">Its gradient.</param>
    /// <param name="variableSlots">Its slots in <see cref="SlotNames"/> order.</param>
    /// <param name="step">The 1-based step number.</param>
    /// <param name="learningRate">The variable's learning rate: <see cref="LearningRate"/> times its multiplier.</param>
    private protected abstract void UpdateStep(Tensor variable, Tensor gradient, KerasVariable[] variableSlots, long step, double learningRate);

    private KerasVariable CreateSlot(KerasVariable variable, string slot)
    {
        var initial = SlotInitialValue(slot);
        var value = (initial == 0 ? zeros_like(variable.Value, requires_grad: false) : full_like(variable.Value, initial)).detach();
        var keras = variable.Path.Replace('/', '_');
        return new KerasVariable(slot, $"{Name}/{keras}_{slot}", variable.Shape, value.DetachFromDisposeScope(), false, VariableLayoutOf(variable));
    }

    private static VariableLayout VariableLayoutOf(KerasVariable variable) => variable.Layout;

    private static double? CheckNonNegative(double? value, string name) =>
        value is null || (value >= 0 && double.IsFinite(value.Value))
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"Invalid {name} {value}; expected a finite value of 0 or more, or null.");

    /// <summary>Clips as Keras 3 does: per-variable norm, else global norm, else element value.</summary>
    private Tensor[] ClipGradients(Tensor[] gradients)
    {
        if (ClipNorm is > 0 and var norm)
        {
            // g * clipnorm / max(||g||, clipnorm): unchanged when the norm is within the bound.
            return gradients.Select(g => g * norm / g.square().sum().sqrt().clamp_min(norm)).ToArray();
        }

        if (GlobalClipNorm is > 0 and var globalNorm && gradients.Length > 0)
        {
            var total = stack(gradients.Select(g => g.square().sum()).ToArray()).sum().sqrt();
            // A non-finite norm makes the scale NaN, as in Keras, so that training stops on it.
            var scale = (1 / total).clamp_max(1 / globalNorm) * globalNorm + (total - total);
            return gradients.Select(g => g * scale).ToArray();
        }

        if (ClipValue is > 0 and var bound)
        {
            return gradients.Select(g => g.clamp(-bound, bound)).ToArray();
        }

        return gradients;
    }

    private double? CheckClip(double? value, string name)
    {
        var others = new (string Name, double? Value)[] { (nameof(ClipNorm), clipNorm), (nameof(ClipValue), clipValue), (nameof(GlobalClipNorm), globalClipNorm) };
        var other = others.FirstOrDefault(o => o.Name != name && o.Value is not null);
        if (value is not null && other.Name is not null)
        {
            throw new ArgumentException($"Only one of ClipNorm, ClipValue and GlobalClipNorm can be set, as in Keras; {other.Name} is already {other.Value}.", name);
        }

        return CheckNonNegative(value, name);
    }

    private IReadOnlyList<KerasVariable> SyncIterations()
    {
        IterationVariable?.SetInt64Value([Iterations]);
        return variables;
    }
}
