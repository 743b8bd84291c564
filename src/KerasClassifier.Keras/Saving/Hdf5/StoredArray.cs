namespace KerasClassifier.Keras.Saving.Hdf5;

/// <summary>A dataset read from a model file: its path, shape and values as float32 or int64.</summary>
/// <param name="Path">The HDF5 path, for messages.</param>
/// <param name="Shape">The shape; empty for a scalar.</param>
/// <param name="Floats">The values of a floating-point dataset, row-major; null for an integer one.</param>
/// <param name="Integers">The values of an integer dataset; null for a floating-point one.</param>
internal sealed record StoredArray(string Path, int[] Shape, float[]? Floats, long[]? Integers)
{
    /// <summary>Gets the number of values.</summary>
    public long Count => Floats?.LongLength ?? Integers!.LongLength;

    /// <summary>Gets the shape formatted as Keras prints variable shapes, e.g. <c>(3, 3, 1, 32)</c>.</summary>
    public string ShapeText => KerasVariable.FormatShape(Shape);

    /// <summary>Returns the values as float32, converting integers.</summary>
    /// <returns>The values.</returns>
    public float[] AsFloats() => Floats ?? Integers!.Select(v => (float)v).ToArray();

    /// <summary>Returns the single value of a scalar or one-element dataset as an integer, rounding floats (Keras 2.0 stored the step count as float32).</summary>
    /// <returns>The value.</returns>
    public long AsScalarInteger() => Integers is { Length: 1 } integers ? integers[0] : (long)Math.Round(Floats![0]);
}
