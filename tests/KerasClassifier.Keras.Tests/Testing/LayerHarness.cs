using System.Text.Json.Nodes;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>Runs the checks every layer should pass: symbolic shape, real output shape, variable counts and config round trip.</summary>
internal static class LayerHarness
{
    /// <summary>Builds the layer on an input, predicts on seeded data and returns the output.</summary>
    public static NDArray Run(
        Layer layer,
        int[] inputShape,
        int?[] expectedOutputShape,
        int trainableWeights = 0,
        int nonTrainableWeights = 0,
        Func<JsonObject, Layer>? fromConfig = null,
        NDArray? input = null)
    {
        var symbolicInput = Keras.Input(inputShape);
        var symbolicOutput = layer.Apply(symbolicInput);
        Assert.Equal(new Shape([null, .. expectedOutputShape]), symbolicOutput.Shape);

        var model = new Functional(symbolicInput, symbolicOutput);
        var x = input ?? RandomArrays.Uniform(17, [2, .. inputShape]);
        var y = model.Predict(x);
        Assert.Equal([x.Shape[0], .. expectedOutputShape.Select(d => d ?? -1)], y.Shape);

        Assert.Equal(trainableWeights, layer.TrainableWeights.Count);
        Assert.Equal(nonTrainableWeights, layer.NonTrainableWeights.Count);

        if (fromConfig is not null)
        {
            var config = layer.GetConfig();
            var copy = fromConfig(config);
            Assert.Equal(layer.GetType(), copy.GetType());
            Assert.Equal(config.ToJsonString(), copy.GetConfig().ToJsonString());
        }

        return y;
    }
}
