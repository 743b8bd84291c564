using KerasClassifier.Keras.Saving.Hdf5;

namespace KerasClassifier.Keras.Saving;

/// <summary>
/// A value read from a file and the variable it goes to. Loaders check every pending value before
/// assigning any, so a failed load leaves the model as it was.
/// </summary>
/// <param name="Variable">The target variable.</param>
/// <param name="Value">The stored array.</param>
/// <param name="Owner">The layer or optimizer the variable belongs to, for messages, e.g. <c>layer 'dense'</c>.</param>
internal sealed record PendingValue(KerasVariable Variable, StoredArray Value, string Owner)
{
    /// <summary>Checks that the stored shape equals the variable's Keras shape.</summary>
    /// <param name="location">The file, for messages.</param>
    /// <exception cref="InvalidDataException">The shapes differ; the message shows both.</exception>
    public void CheckShape(FileLocation location)
    {
        if (!Value.Shape.SequenceEqual(Variable.Shape))
        {
            throw location.Invalid(
                Value.Path,
                $"{Owner}, variable '{Variable.Name}': expected {KerasVariable.FormatShape(Variable.Shape)}, found {Value.ShapeText}.");
        }
    }

    /// <summary>Copies the stored values into the variable.</summary>
    public void Apply()
    {
        if (Variable.DType == "int64")
        {
            Variable.SetInt64Value([Value.AsScalarInteger()]);
        }
        else
        {
            Variable.SetValue(Value.AsFloats());
        }
    }

    /// <summary>Checks every pending value, then assigns them all.</summary>
    /// <param name="values">The values.</param>
    /// <param name="location">The file, for messages.</param>
    public static void CheckAndApply(IReadOnlyList<PendingValue> values, FileLocation location)
    {
        foreach (var value in values)
        {
            value.CheckShape(location);
        }

        foreach (var value in values)
        {
            value.Apply();
        }
    }
}
