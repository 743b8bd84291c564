namespace KerasClassifier.Keras.Tests.Saving;

/// <summary>
/// Tests that compare two seeded training runs. libtorch's random generator is process-wide, so
/// these tests run alone: another test creating weights in parallel would draw from it.
/// </summary>
[CollectionDefinition(nameof(SeededRunCollection), DisableParallelization = true)]
public sealed class SeededRunCollection
{
}
