namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>Small seeded datasets for training tests.</summary>
internal static class ToyData
{
    /// <summary>
    /// Two classes of 8x8x3 images: class 1 adds a bright red channel, so the classes separate
    /// linearly but a model must still learn which channel matters.
    /// </summary>
    public static (NDArray X, int[] Y) Separable(int count, int seed)
    {
        var random = new Random(seed);
        var x = new float[count * 8 * 8 * 3];
        var y = new int[count];
        for (var i = 0; i < count; i++)
        {
            y[i] = i % 2;
            for (var j = 0; j < 8 * 8 * 3; j++)
            {
                var red = j % 3 == 0 && y[i] == 1 ? 0.8 : 0;
                x[i * 192 + j] = (float)(random.NextDouble() * 0.5 + red);
            }
        }

        return (new NDArray(x, count, 8, 8, 3), y);
    }
}
