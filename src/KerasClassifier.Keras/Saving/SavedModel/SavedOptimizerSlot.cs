namespace KerasClassifier.Keras.Saving.SavedModel;

/// <summary>One optimizer slot variable (a per-weight state such as Adam's first moment) and the weight it belongs to.</summary>
public sealed class SavedOptimizerSlot
{
    internal SavedOptimizerSlot(string layerName, SavedTensor weight, string slotName, string storedSlotName, SavedTensor value)
    {
        LayerName = layerName;
        Weight = weight;
        WeightName = weight.Name;
        SlotName = slotName;
        StoredSlotName = storedSlotName;
        Value = value;
    }

    /// <summary>Gets the name of the layer that owns the weight, e.g. <c>dense</c>.</summary>
    public string LayerName { get; }

    /// <summary>Gets the weight's name in its layer, e.g. <c>kernel</c>.</summary>
    public string WeightName { get; }

    /// <summary>Gets the slot name Keras 3 uses, e.g. <c>momentum</c> or <c>velocity</c>.</summary>
    public string SlotName { get; }

    /// <summary>Gets the slot name stored in the file, e.g. <c>m</c> or <c>v</c>.</summary>
    public string StoredSlotName { get; }

    /// <summary>Gets the weight the slot belongs to.</summary>
    internal SavedTensor Weight { get; }

    /// <summary>Gets the slot's value, with the weight's shape.</summary>
    public SavedTensor Value { get; }

    /// <inheritdoc/>
    public override string ToString() => $"<SavedOptimizerSlot {LayerName}/{WeightName} {SlotName}>";
}
