using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving;

/// <summary>
/// Checks that stopping after two epochs, saving, loading and training two more gives exactly what
/// four epochs in one run give. Both runs re-seed the random generator at the start of each epoch,
/// so that dropout draws the same masks in epoch 3 whether or not the process stopped in between.
/// Both train without shuffling, because a seeded shuffle restarts its sequence in a new Fit.
/// </summary>
public class ResumeTests
{
    [Theory]
    [InlineData("resume.keras")]
    [InlineData("resume.h5")]
    [InlineData("resume.weights.h5")]
    public void ResumeFromFile_MatchesStraightRun(string fileName)
    {
        using var folder = new TempDirectory();
        var (x, y) = SavingTestModels.Data([8, 8, 2], 40, 3, seed: 5);

        KerasBackend.SetRandomSeed(11);
        var straight = SavingTestModels.Compiled(SavingTestModels.SmallCnn());
        var straightHistory = straight.Fit(x, y, batchSize: 8, epochs: 4, shuffle: false, callbacks: [new ReseedEachEpoch(100)]);

        KerasBackend.SetRandomSeed(11);
        var first = SavingTestModels.Compiled(SavingTestModels.SmallCnn());
        var firstHistory = first.Fit(x, y, batchSize: 8, epochs: 2, shuffle: false, callbacks: [new ReseedEachEpoch(100)]);
        var path = folder.File(fileName);
        if (fileName.EndsWith(".weights.h5", StringComparison.Ordinal))
        {
            first.SaveWeights(path);
        }
        else
        {
            first.Save(path);
        }

        // A different seed for the second process: everything it needs must come from the file.
        KerasBackend.SetRandomSeed(999);
        var resumed = fileName.EndsWith(".weights.h5", StringComparison.Ordinal)
            ? SavingTestModels.Compiled(SavingTestModels.SmallCnn())
            : KerasModels.LoadModel(path);
        if (fileName.EndsWith(".weights.h5", StringComparison.Ordinal))
        {
            Assert.True(resumed.LoadWeights(path).OptimizerStateRestored);
        }

        var resumedHistory = resumed.Fit(x, y, batchSize: 8, epochs: 4, shuffle: false, callbacks: [new ReseedEachEpoch(100)], initialEpoch: resumed.EpochsCompleted);

        Assert.Equal(2, straightHistory.Values["loss"].Count - resumedHistory.Values["loss"].Count);
        Assert.Equal([2, 3], resumedHistory.Epochs);
        Assert.Equal(straightHistory.Values["loss"], [.. firstHistory.Values["loss"], .. resumedHistory.Values["loss"]]);
        Assert.Equal(straightHistory.Values["accuracy"], [.. firstHistory.Values["accuracy"], .. resumedHistory.Values["accuracy"]]);
        Assert.Equal(SavingTestModels.WeightValues(straight), SavingTestModels.WeightValues(resumed));
        Assert.Equal(SavingTestModels.OptimizerValues(straight), SavingTestModels.OptimizerValues(resumed));
        Assert.Equal(4, resumed.EpochsCompleted);
    }
}
