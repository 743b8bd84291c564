using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Layers;

/// <summary>
/// Amounts to add or remove at the four edges of an image, as <c>ZeroPadding2D</c> and <c>Cropping2D</c>
/// take them: an int for all edges, (height, width) for symmetric amounts, or ((top, bottom), (left, right)).
/// </summary>
/// <param name="Top">Rows at the top.</param>
/// <param name="Bottom">Rows at the bottom.</param>
/// <param name="Left">Columns at the left.</param>
/// <param name="Right">Columns at the right.</param>
public readonly record struct Margin2D(int Top, int Bottom, int Left, int Right)
{
    /// <summary>Converts one amount to all four edges.</summary>
    /// <param name="size">The rows and columns at every edge.</param>
    public static implicit operator Margin2D(int size) => new(size, size, size, size);

    /// <summary>Converts (height, width) to symmetric amounts.</summary>
    /// <param name="size">Rows at the top and bottom, columns at the left and right.</param>
    public static implicit operator Margin2D((int Height, int Width) size) => new(size.Height, size.Height, size.Width, size.Width);

    /// <summary>Converts ((top, bottom), (left, right)).</summary>
    /// <param name="edges">The amounts per edge.</param>
    public static implicit operator Margin2D(((int Top, int Bottom) Height, (int Left, int Right) Width) edges) =>
        new(edges.Height.Top, edges.Height.Bottom, edges.Width.Left, edges.Width.Right);

    /// <summary>Returns Keras's config form, <c>[[top, bottom], [left, right]]</c>.</summary>
    /// <returns>The JSON array.</returns>
    public JsonArray ToJson() => [new JsonArray(Top, Bottom), new JsonArray(Left, Right)];

    /// <summary>Reads an int, a pair or a pair of pairs from a Keras config.</summary>
    /// <param name="node">The JSON value.</param>
    /// <returns>The margins.</returns>
    /// <exception cref="InvalidDataException">The value has another form.</exception>
    public static Margin2D FromJson(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is JsonValue single)
        {
            return single.GetValue<int>();
        }

        if (node is JsonArray { Count: 2 } pair)
        {
            if (pair[0] is JsonArray height && pair[1] is JsonArray width && height.Count == 2 && width.Count == 2)
            {
                return new(height[0]!.GetValue<int>(), height[1]!.GetValue<int>(), width[0]!.GetValue<int>(), width[1]!.GetValue<int>());
            }

            if (pair[0] is JsonValue h && pair[1] is JsonValue w)
            {
                return (h.GetValue<int>(), w.GetValue<int>());
            }
        }

        throw new InvalidDataException($"Invalid padding or cropping {node.ToJsonString()}; expected an int, [height, width] or [[top, bottom], [left, right]].");
    }

    /// <summary>Throws unless every amount is 0 or more.</summary>
    /// <param name="paramName">The argument name to report.</param>
    /// <returns>This value.</returns>
    public Margin2D RequireNonNegative(string paramName)
    {
        if (Top < 0 || Bottom < 0 || Left < 0 || Right < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, this, $"Invalid {paramName} {this}; expected amounts of 0 or more.");
        }

        return this;
    }

    /// <inheritdoc/>
    public override string ToString() => $"(({Top}, {Bottom}), ({Left}, {Right}))";
}
