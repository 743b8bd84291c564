using KerasClassifier.Keras.Saving.SavedModel;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving.SavedModel;

public sealed class SavedModelFormatTests
{
    [Theory]
    [InlineData("model", true)]
    [InlineData("out/model/", true)]
    [InlineData("model.keras", false)]
    [InlineData("out/model.h5", false)]
    public void HasNoExtension_Cases(string path, bool expected)
    {
        Assert.Equal(expected, SavedModelFormat.HasNoExtension(path));
    }

    [Fact]
    public void SaveWithoutExtensionMessage_PointsToKeras()
    {
        var message = SavedModelFormat.SaveWithoutExtensionMessage("out/model");

        Assert.Contains("'out/model'", message);
        Assert.Contains("'out/model.keras'", message);
        Assert.Contains("SavedModel", message);
    }

    [Fact]
    public void IsSavedModelFolder_RealAndEmpty()
    {
        using var temp = new TempDirectory();

        Assert.True(SavedModelFormat.IsSavedModelFolder(SavedModelFolders.Path(SavedModelFolders.Heat)));
        Assert.False(SavedModelFormat.IsSavedModelFolder(temp.Path));
        Assert.False(SavedModelFormat.IsSavedModelFolder(Path.Combine(temp.Path, "absent")));
    }
}
