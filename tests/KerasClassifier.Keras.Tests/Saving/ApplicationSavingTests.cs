using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving;

/// <summary>Saves the built-in applications in the shape transfer learning uses them: a frozen base inside a Sequential classifier.</summary>
public class ApplicationSavingTests
{
    [Theory]
    [InlineData("transfer.keras")]
    [InlineData("transfer.h5")]
    [InlineData("transfer.weights.h5")]
    public void FrozenMobileNetInSequential_RoundTrips(string fileName)
    {
        using var folder = new TempDirectory();
        var model = SavingTestModels.Compiled(TransferModel());
        var (x, y) = SavingTestModels.Data([32, 32, 3], 8, 4);
        model.Fit(x, y, batchSize: 4, epochs: 1, shuffle: false);
        var path = folder.File(fileName);

        Model loaded;
        if (fileName.EndsWith(".weights.h5", StringComparison.Ordinal))
        {
            model.SaveWeights(path);
            loaded = SavingTestModels.Compiled(TransferModel());
            Assert.True(loaded.LoadWeights(path).OptimizerStateRestored);
        }
        else
        {
            model.Save(path);
            var result = KerasModels.Load(path);
            Assert.Empty(result.Warnings);
            Assert.True(result.OptimizerStateRestored);
            loaded = result.Model;
        }

        var backbone = Assert.IsType<Functional>(loaded.Layers[1]);
        Assert.False(backbone.Trainable);
        Assert.Equal(model.TrainableWeights.Count, loaded.TrainableWeights.Count);
        Assert.Equal(SavingTestModels.WeightValues(model), SavingTestModels.WeightValues(loaded));
        Assert.Equal(model.Predict(x).Data, loaded.Predict(x).Data);
        Assert.Equal(SavingTestModels.OptimizerValues(model), SavingTestModels.OptimizerValues(loaded));
    }

    private static Sequential TransferModel()
    {
        var backbone = MobileNetV2.Create([32, 32, 3], alpha: 0.35, includeTop: false, pooling: "avg");
        backbone.Trainable = false;
        return new Sequential([new InputLayer([32, 32, 3]), new Rescaling(1.0 / 127.5, offset: -1), backbone, new Dense(4, activation: "softmax")]);
    }
}
