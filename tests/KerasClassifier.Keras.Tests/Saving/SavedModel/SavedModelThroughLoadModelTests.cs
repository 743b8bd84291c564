using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

public class SavedModelThroughLoadModelTests
{
    public static TheoryData<string> SupportedFolders =>
    [
        SavedModelFolders.Digits,
        SavedModelFolders.NumberGuesser,
        SavedModelFolders.Traffic,
        SavedModelFolders.Mnist,
        SavedModelFolders.Heat,
    ];

    private static NDArray RandomInput(Model model, int count, int seed)
    {
        var shape = model.InputShape!.Dims.Skip(1).Select(d => d!.Value).ToArray();
        var random = new Random(seed);
        var size = shape.Aggregate(1, (a, b) => a * b);
        var data = Enumerable.Range(0, count * size).Select(_ => (float)random.NextDouble()).ToArray();
        return new NDArray(data, [count, .. shape]);
    }

    [Theory]
    [MemberData(nameof(SupportedFolders))]
    public void Folder_loads_resaves_and_trains_on(string name)
    {
        using var temp = new TempDirectory();
        var loaded = KerasModels.Load(SavedModelFolders.Path(name));
        var model = loaded.Model;
        var x = RandomInput(model, 8, seed: 1);

        var before = model.Predict(x);
        var archive = temp.File("model.keras");
        model.Save(archive);
        var reloaded = KerasModels.LoadModel(archive);
        var after = reloaded.Predict(x);

        Assert.Equal(KerasFileFormat.SavedModel, loaded.Format);
        Assert.True(loaded.OptimizerStateRestored);
        Assert.Equal(before.Shape, after.Shape);
        Assert.Equal(before.Data, after.Data);

        // One more epoch continues the saved optimizer: its step count carries on from the file.
        var stepsBefore = reloaded.Optimizer!.Iterations;
        Assert.Equal(model.Optimizer!.Iterations, stepsBefore);
        Assert.True(stepsBefore > 0);
        if (reloaded.Loss is SparseCategoricalCrossentropy)
        {
            reloaded.Fit(x, before.ArgMax(), batchSize: 4, epochs: 1, shuffle: false);
        }
        else
        {
            reloaded.Fit(x, before, batchSize: 4, epochs: 1, shuffle: false);
        }

        Assert.Equal(stepsBefore + 2, reloaded.Optimizer.Iterations);
    }

    [Theory]
    [InlineData(SavedModelFolders.Heart, "dense_features")]
    [InlineData(SavedModelFolders.Subclassed, "LogisticModel")]
    public void Unrebuildable_folder_names_reason(string name, string expected)
    {
        var error = Assert.Throws<NotSupportedException>(() => KerasModels.LoadModel(SavedModelFolders.Path(name)));

        Assert.Contains(expected, error.Message);
    }
}
