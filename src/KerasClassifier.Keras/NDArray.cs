namespace KerasClassifier.Keras;

/// <summary>A dense float32 array with a shape, for model inputs and outputs outside a <c>Dataset</c>.</summary>
/// <remarks>Images are channels_last: <c>(batch, height, width, channels)</c>, row-major.</remarks>
public sealed class NDArray
{
    /// <summary>Initializes a new instance of the <see cref="NDArray"/> class.</summary>
    /// <param name="data">The values, row-major; not copied.</param>
    /// <param name="shape">The shape; its product must equal the length of <paramref name="data"/>.</param>
    /// <exception cref="ArgumentException">The shape does not match the data length.</exception>
    public NDArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0 || shape.Any(d => d < 0))
        {
            throw new ArgumentException($"Invalid shape ({string.Join(", ", shape)}); expected one or more non-negative sizes.", nameof(shape));
        }

        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != data.LongLength)
        {
            throw new ArgumentException(
                $"Shape ({string.Join(", ", shape)}) holds {count} values but the data has {data.LongLength}.", nameof(shape));
        }

        Data = data;
        Shape = (int[])shape.Clone();
    }

    /// <summary>Gets the values, row-major.</summary>
    public float[] Data { get; }

    /// <summary>Gets the shape.</summary>
    public int[] Shape { get; }

    /// <summary>Gets the size of the first axis.</summary>
    public int Length => Shape[0];

    /// <summary>Gets the value at a multi-dimensional index.</summary>
    /// <param name="index">One index per axis.</param>
    public float this[params int[] index]
    {
        get
        {
            if (index.Length != Shape.Length)
            {
                throw new ArgumentException($"Expected {Shape.Length} indices, received {index.Length}.", nameof(index));
            }

            long offset = 0;
            for (var i = 0; i < index.Length; i++)
            {
                if ((uint)index[i] >= (uint)Shape[i])
                {
                    throw new IndexOutOfRangeException($"Index {index[i]} is out of range for axis {i} of size {Shape[i]}.");
                }

                offset = offset * Shape[i] + index[i];
            }

            return Data[offset];
        }
    }

    /// <summary>Returns the index of the largest value in each row of a 2D array, e.g. predicted classes.</summary>
    /// <returns>One index per row.</returns>
    /// <exception cref="InvalidOperationException">The array is not 2D.</exception>
    public int[] ArgMax()
    {
        if (Shape.Length != 2)
        {
            throw new InvalidOperationException($"ArgMax needs a 2D array; this one has shape ({string.Join(", ", Shape)}).");
        }

        var rows = Shape[0];
        var columns = Shape[1];
        var result = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            var span = Data.AsSpan(r * columns, columns);
            var best = 0;
            for (var c = 1; c < columns; c++)
            {
                if (span[c] > span[best])
                {
                    best = c;
                }
            }

            result[r] = best;
        }

        return result;
    }
}
