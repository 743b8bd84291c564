using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Layers;

/// <summary>A (height, width) pair such as a kernel size, stride or pool size; an int means both.</summary>
/// <param name="Height">The size along the height axis.</param>
/// <param name="Width">The size along the width axis.</param>
public readonly record struct Size2D(int Height, int Width)
{
    /// <summary>Converts one size to a square pair, as Keras accepts <c>kernel_size=3</c>.</summary>
    /// <param name="size">The size on both axes.</param>
    public static implicit operator Size2D(int size) => new(size, size);

    /// <summary>Converts a tuple to a pair.</summary>
    /// <param name="size">The (height, width) tuple.</param>
    public static implicit operator Size2D((int Height, int Width) size) => new(size.Height, size.Width);

    /// <summary>Returns the pair as a Keras config list, e.g. <c>[3, 3]</c>.</summary>
    /// <returns>The JSON array.</returns>
    public JsonArray ToJson() => [Height, Width];

    /// <summary>Reads an int or a two-element list from a Keras config.</summary>
    /// <param name="node">The JSON value.</param>
    /// <returns>The pair.</returns>
    public static Size2D FromJson(JsonNode node) => node is JsonArray a
        ? new Size2D(a[0]!.GetValue<int>(), a.Count > 1 ? a[1]!.GetValue<int>() : a[0]!.GetValue<int>())
        : new Size2D(node.GetValue<int>(), node.GetValue<int>());

    /// <summary>Throws unless both sizes are positive.</summary>
    /// <param name="paramName">The argument name to report.</param>
    /// <returns>This pair.</returns>
    public Size2D RequirePositive(string paramName)
    {
        if (Height <= 0 || Width <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, this, $"Invalid {paramName} ({Height}, {Width}); expected positive integers.");
        }

        return this;
    }

    /// <inheritdoc/>
    public override string ToString() => $"({Height}, {Width})";
}
