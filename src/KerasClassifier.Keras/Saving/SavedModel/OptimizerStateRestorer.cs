using KerasClassifier.Keras.Optimizers;

namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>Writes a SavedModel's optimizer state (iteration count, learning rate, slots) into a compiled model's optimizer.</summary>
internal static class OptimizerStateRestorer
{
    /// <summary>Builds the optimizer's slots for the model's trainable weights and fills them from the saved state.</summary>
    /// <param name="optimizer">The optimizer bound by <c>Compile</c>.</param>
    /// <param name="trainable">The model's trainable weights, in model order.</param>
    /// <param name="assigned">The saved tensor each model weight was loaded from.</param>
    /// <param name="state">The saved optimizer state.</param>
    /// <param name="folder">The SavedModel folder, for messages.</param>
    /// <exception cref="InvalidOperationException">The saved slots do not match the optimizer's slots; then no value is written.</exception>
    public static void Restore(Optimizer optimizer, IReadOnlyList<KerasVariable> trainable, IReadOnlyDictionary<KerasVariable, SavedTensor> assigned, SavedOptimizerState state, string folder)
    {
        if (!string.Equals(optimizer.ClassName, state.ClassName, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"SavedModel '{folder}' contains the state of a {state.ClassName} optimizer, but the model is compiled with {optimizer.ClassName}.");
        }

        optimizer.Build(trainable);
        var variables = optimizer.Variables;
        var pending = new List<(KerasVariable Target, SavedTensor Value)>();
        foreach (var weight in trainable)
        {
            if (!assigned.TryGetValue(weight, out var savedWeight))
            {
                throw new InvalidOperationException($"Weight '{weight.Path}' was not loaded from '{folder}', so its optimizer slots cannot be matched.");
            }

            foreach (var slotVariable in optimizer.SlotsOf(weight))
            {
                var saved = state.Slots.FirstOrDefault(s => ReferenceEquals(s.Weight, savedWeight) && s.SlotName == slotVariable.Name)
                    ?? throw new InvalidOperationException(
                        $"SavedModel '{folder}' has no '{slotVariable.Name}' optimizer slot for weight '{weight.Path}'; the saved {state.ClassName} state has slots {string.Join(", ", state.Slots.Select(s => s.SlotName).Distinct())}.");
                pending.Add((slotVariable, saved.Value));
            }
        }

        var used = pending.Select(p => p.Value).ToHashSet();
        var unused = state.Slots.FirstOrDefault(s => !used.Contains(s.Value));
        if (unused is not null)
        {
            throw new InvalidOperationException(
                $"SavedModel '{folder}' has optimizer slot '{unused.SlotName}' for weight '{unused.LayerName}/{unused.WeightName}', which optimizer '{optimizer.Name}' of the loaded model does not have.");
        }

        foreach (var (target, value) in pending)
        {
            target.SetValue(value.ToFloat32Array());
        }

        variables[0].SetInt64Value([state.Iterations]);
        if (state.LearningRate is { } learningRate)
        {
            variables[1].SetValue([(float)learningRate]);
        }

        optimizer.SyncFromVariables();
    }
}
