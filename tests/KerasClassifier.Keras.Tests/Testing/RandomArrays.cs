namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>Seeded random arrays for test inputs.</summary>
internal static class RandomArrays
{
    public static NDArray Uniform(int seed, params int[] shape)
    {
        var random = new Random(seed);
        var count = shape.Aggregate(1, (a, b) => a * b);
        var data = new float[count];
        for (var i = 0; i < count; i++)
        {
            data[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return new NDArray(data, shape);
    }

    public static int[] Labels(int seed, int count, int classes)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(classes)).ToArray();
    }

    public static void AssertClose(NDArray expected, NDArray actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        for (var i = 0; i < expected.Data.Length; i++)
        {
            Assert.True(
                Math.Abs(expected.Data[i] - actual.Data[i]) <= tolerance,
                $"Element {i}: expected {expected.Data[i]}, actual {actual.Data[i]} (tolerance {tolerance}).");
        }
    }
}
