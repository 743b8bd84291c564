using System.Text.Json.Nodes;

namespace KerasClassifier.Keras;

/// <summary>
/// A Keras shape: a tuple of dimensions where <c>null</c> is an unknown size (Keras's <c>None</c>).
/// </summary>
/// <remarks>
/// Shapes that layers build from and compute include the batch axis first, as Keras's
/// <c>build(input_shape)</c> does; shapes that users pass to <c>Input</c> leave it out.
/// Image shapes are channels_last: <c>(batch, height, width, channels)</c>.
/// </remarks>
public sealed class Shape : IEquatable<Shape>
{
    private readonly int?[] dims;

    /// <summary>Initializes a new instance of the <see cref="Shape"/> class.</summary>
    /// <param name="dims">The dimensions; <c>null</c> for unknown.</param>
    public Shape(params int?[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        this.dims = (int?[])dims.Clone();
    }

    /// <summary>Gets the number of dimensions.</summary>
    public int Rank => dims.Length;

    /// <summary>Gets the dimension at <paramref name="index"/>; a negative index counts from the end.</summary>
    /// <param name="index">The axis.</param>
    public int? this[int index] => dims[index < 0 ? dims.Length + index : index];

    /// <summary>Gets a copy of the dimensions.</summary>
    public int?[] Dims => (int?[])dims.Clone();

    /// <summary>Returns a shape with an unknown batch axis in front of <paramref name="dims"/>.</summary>
    /// <param name="dims">The per-example dimensions.</param>
    /// <returns>The batched shape.</returns>
    public static Shape WithBatch(params int[] dims) => new([null, .. dims.Select(d => (int?)d)]);

    /// <summary>Returns this shape without its first (batch) axis.</summary>
    /// <returns>The per-example shape.</returns>
    public Shape DropBatch() => new(dims[1..]);

    /// <summary>Returns the product of all known dimensions after the batch axis.</summary>
    /// <returns>The element count of one example.</returns>
    /// <exception cref="InvalidOperationException">A dimension after the batch axis is unknown.</exception>
    public long ElementsPerExample()
    {
        long count = 1;
        for (var i = 1; i < dims.Length; i++)
        {
            count *= dims[i] ?? throw new InvalidOperationException($"Shape {this} has an unknown dimension at axis {i}.");
        }

        return count;
    }

    /// <summary>Formats the shape as Keras prints it, e.g. <c>(None, 26, 26, 32)</c>.</summary>
    /// <returns>The formatted shape.</returns>
    public override string ToString()
    {
        var parts = dims.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None");
        return dims.Length == 1 ? $"({parts.First()},)" : $"({string.Join(", ", parts)})";
    }

    /// <summary>Converts the shape to a JSON array as Keras configs store it (<c>null</c> for unknown).</summary>
    /// <returns>The JSON array.</returns>
    public JsonArray ToJson() => new(dims.Select(d => d is null ? null : JsonValue.Create(d.Value)).ToArray<JsonNode?>());

    /// <summary>Reads a shape from a Keras config JSON array.</summary>
    /// <param name="node">The JSON array.</param>
    /// <returns>The shape.</returns>
    public static Shape FromJson(JsonNode node)
    {
        var array = node as JsonArray ?? throw new FormatException($"Expected a shape as a JSON array, found: {node.ToJsonString()}.");
        return new Shape(array.Select(n => n is null ? (int?)null : n.GetValue<int>()).ToArray());
    }

    /// <inheritdoc/>
    public bool Equals(Shape? other) => other is not null && dims.SequenceEqual(other.dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Shape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in dims)
        {
            hash.Add(d);
        }

        return hash.ToHashCode();
    }
}
