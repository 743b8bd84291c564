using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.Serialization;

namespace KerasClassifier.Keras.Saving;

/// <summary>
/// Restores a compiled model's optimizer state (step count, learning rate, slots) from any of the
/// layouts Keras has written. Like Keras, it fails soft. On a count or shape mismatch the model
/// gets a fresh optimizer with the same settings, and a warning gives the reason.
/// </summary>
internal static class OptimizerStateRestorer
{
    /// <summary>Restores the state into <paramref name="model"/>'s optimizer.</summary>
    /// <param name="model">The model, compiled, with its weights already in place.</param>
    /// <param name="state">The stored state.</param>
    /// <param name="location">The file, for messages.</param>
    /// <returns>Whether the state was restored.</returns>
    public static bool Restore(Model model, StoredOptimizerState state, FileLocation location)
    {
        if (!model.Compiled)
        {
            DeserializationScope.Warn(
                $"The optimizer state in {location.Describe(state.GroupPath)} was not loaded because the model is not compiled; compile it before loading to resume training exactly.");
            return false;
        }

        var optimizer = model.Optimizer!;
        optimizer.Build(model.TrainableWeights);
        var pending = Match(model, state, location, out var problem);
        if (pending is null)
        {
            DeserializationScope.Warn(
                $"The optimizer state in {location.Describe(state.GroupPath)} does not match optimizer '{optimizer.Name}' ({optimizer.ClassName}) of this model: {problem} "
                + "Training continues with a fresh optimizer, so the first steps can differ from an uninterrupted run.");
            model.Compile(OptimizerRegistry.CreateFresh(optimizer), model.Loss!, model.CompiledMetrics.Select(m => m.Name));
            return false;
        }

        foreach (var value in pending)
        {
            value.Apply();
        }

        optimizer.SyncFromVariables();
        return true;
    }

    /// <summary>Pairs the stored arrays with the optimizer's variables; null with a reason when they do not fit.</summary>
    private static List<PendingValue>? Match(Model model, StoredOptimizerState state, FileLocation location, out string problem)
    {
        var optimizer = model.Optimizer!;
        var ours = optimizer.Variables;
        var trainableCount = model.TrainableWeights.Count;
        var slotArrays = ours.Count - 2;
        var stored = state.Arrays;
        problem = string.Empty;

        if (stored.Count == 0)
        {
            problem = "the file contains no optimizer variables.";
            return null;
        }

        var hasLearningRate = state.HasLearningRate ?? stored.Count == slotArrays + 2;
        var firstSlot = hasLearningRate ? 2 : 1;
        if (stored.Count - firstSlot != slotArrays)
        {
            problem = $"the file has {stored.Count} variables, but this optimizer has {ours.Count}: a step count, a learning rate "
                + $"and {optimizer.SlotCount} slot(s) for each of {trainableCount} trainable variables.";
            return null;
        }

        if (stored[0].Count != 1 || (hasLearningRate && stored[1].Count != 1))
        {
            problem = $"the step count or learning rate is not a single value (shapes {stored[0].ShapeText}, {stored[1].ShapeText}).";
            return null;
        }

        var pending = new List<PendingValue> { new(ours[0], stored[0] with { Shape = [] }, $"optimizer '{optimizer.Name}'") };
        if (hasLearningRate)
        {
            pending.Add(new PendingValue(ours[1], stored[1] with { Shape = [] }, $"optimizer '{optimizer.Name}'"));
        }

        for (var variable = 0; variable < trainableCount; variable++)
        {
            for (var slot = 0; slot < optimizer.SlotCount; slot++)
            {
                var target = ours[2 + SlotIndex(OptimizerSlotLayout.Interleaved, optimizer.SlotGroupSizes, trainableCount, variable, slot)];
                var source = stored[firstSlot + SlotIndex(state.Layout, optimizer.SlotGroupSizes, trainableCount, variable, slot)];
                if (!source.Shape.SequenceEqual(target.Shape))
                {
                    problem = $"{location.Describe(source.Path)} has shape {source.ShapeText}, but slot '{target.Name}' of variable {variable} needs {KerasVariable.FormatShape(target.Shape)}.";
                    return null;
                }

                pending.Add(new PendingValue(target, source, $"optimizer '{optimizer.Name}'"));
            }
        }

        return pending;
    }

    /// <summary>Returns the position of (variable, slot) among all slot arrays in a layout.</summary>
    /// <remarks>
    /// Keras 3 order: slot groups one after another, each group listing its slots interleaved per
    /// variable (Adam: m0, v0, m1, v1..., then every v_hat). Blocked order: each slot over all variables.
    /// </remarks>
    private static int SlotIndex(OptimizerSlotLayout layout, IReadOnlyList<int> groupSizes, int variables, int variable, int slot)
    {
        if (layout == OptimizerSlotLayout.Blocked)
        {
            return (slot * variables) + variable;
        }

        var groupStart = 0;
        var offset = 0;
        foreach (var size in groupSizes)
        {
            if (slot < groupStart + size)
            {
                return offset + (variable * size) + (slot - groupStart);
            }

            groupStart += size;
            offset += size * variables;
        }

        throw new ArgumentOutOfRangeException(nameof(slot), slot, $"Invalid slot {slot}; the optimizer has {groupStart} slots per variable.");
    }
}
