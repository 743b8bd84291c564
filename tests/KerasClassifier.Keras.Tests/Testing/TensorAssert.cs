namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>Element-wise comparisons with a tolerance, reporting the first differing index.</summary>
internal static class TensorAssert
{
    public static void Close(float[] expected, float[] actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"Element {i}: expected {expected[i]}, actual {actual[i]} (tolerance {tolerance}).");
        }
    }
}
