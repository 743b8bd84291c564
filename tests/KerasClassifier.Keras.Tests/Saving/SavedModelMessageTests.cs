using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Tests.Saving.SavedModel;

namespace KerasClassifier.Keras.Tests.Saving;

/// <summary>Checks the messages of SavedModel folders that <see cref="KerasModels"/> cannot load or that need another method.</summary>
public class SavedModelMessageTests
{
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
