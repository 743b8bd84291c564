namespace KerasClassifier.Keras.Data;

/// <summary>
/// Seed helpers shared by the shuffling operators and sources.
/// </summary>
internal static class DatasetRandom
{
    /// <summary>
    /// Returns a fresh non-deterministic seed, for operators called without one.
    /// </summary>
    public static int NewSeed() => Random.Shared.Next();

    /// <summary>
    /// Derives the seed of pass <paramref name="pass"/> from a base seed with the SplitMix64 finaliser,
    /// so that neighbouring passes get unrelated orders.
    /// </summary>
    public static int Derive(int seed, long pass)
    {
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)pass + 1);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;

        return (int)(z & 0x7FFFFFFF);
    }

    /// <summary>
    /// Creates the generator for one pass. <see cref="Random(int)"/> with a seed uses a fixed algorithm
    /// that .NET keeps stable across versions, so a seed gives the same order in every run.
    /// </summary>
    public static Random Create(int seed) => new(seed);
}
