using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Saving.SavedModel;
using KerasClassifier.Keras.Tests.Saving.SavedModel;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving;

/// <summary>Loads the real SavedModel folders through <see cref="KerasModels"/>, which rebuilds them with the class registry.</summary>
public class SavedModelThroughRegistryTests
{
    [Theory]
    [InlineData(SavedModelFolders.Digits, true)]
    [InlineData(SavedModelFolders.Traffic, false)]
    [InlineData(SavedModelFolders.NumberGuesser, true)]
    [InlineData(SavedModelFolders.Mnist, true)]
    [InlineData(SavedModelFolders.Heat, true)]
    public void SavedModelFolder_MatchesLoaderAndResaves(string name, bool compile)
    {
        using var temp = new TempDirectory();
        var folder = SavedModelFolders.Path(name);
        var reference = SavedModelLoader.LoadModel(folder, ConfigModelFactory.BuildSequential, compile);

        var result = KerasModels.Load(folder, compile);

        Assert.Equal(KerasFileFormat.SavedModel, result.Format);
        Assert.Equal(compile, result.Compiled);
        Assert.Equal(SavingTestModels.WeightValues(reference), SavingTestModels.WeightValues(result.Model));
        Assert.Equal(reference.Optimizer?.Iterations, result.Model.Optimizer?.Iterations);
        Assert.Equal(reference.Optimizer?.Built ?? false, result.OptimizerStateRestored);
        var x = SavingTestModels.Data(result.Model.InputShape!.Dims.Skip(1).Select(d => d!.Value).ToArray(), 3, 2).X;
        var predicted = result.Model.Predict(x);
        Assert.Equal(reference.Predict(x).Data, predicted.Data);

        result.Model.Save(temp.File("converted.keras"));
        var converted = KerasModels.Load(temp.File("converted.keras"));

        Assert.Equal(predicted.Data, converted.Model.Predict(x).Data);
        Assert.Equal(result.OptimizerStateRestored, converted.OptimizerStateRestored);
    }

    [Fact]
    public void LstmSavedModel_RejectedByRegistry()
    {
        var folder = SavedModelFolders.Path(SavedModelFolders.Lstm);

        var error = Assert.Throws<NotSupportedException>(() => KerasModels.LoadModel(folder));

        Assert.StartsWith($"Cannot load '{folder}' at saved_model.pb: The model uses layer classes this library does not support: 'lstm' (LSTM), ", error.Message);
    }

    [Fact]
    public void SavedModelFolder_LoadWeightsPointsToLoader()
    {
        var folder = SavedModelFolders.Path(SavedModelFolders.Digits);
        var model = SavingTestModels.SmallPoolingNet();

        var error = Assert.Throws<NotSupportedException>(() => model.LoadWeights(folder));

        Assert.Equal(
            $"Cannot load '{folder}': LoadWeights reads Keras files; for a SavedModel folder call SavedModelLoader.LoadWeightsByLayerOrder, or KerasModels.Load to rebuild the whole model.",
            error.Message);
    }
}
