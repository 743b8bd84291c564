using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Layers;

public class NormalizationAndActivationLayerTests
{
    public NormalizationAndActivationLayerTests()
    {
        KerasBackend.SetRandomSeed(5);
    }

    [Fact]
    public void LayerNormalization_NormalizesLastAxis()
    {
        var input = new NDArray([1f, 2f, 3f, 4f, 10f, 10f, 10f, 10f], 2, 4);

        var output = LayerHarness.Run(new LayerNormalization(), [4], [4], trainableWeights: 2, fromConfig: LayerNormalization.FromConfig, input: input);

        // Row 1: mean 2.5, biased variance 1.25, epsilon 1e-3.
        var scale = 1 / Math.Sqrt(1.25 + 1e-3);
        Assert.Equal(-1.5 * scale, output[0, 0], 5);
        Assert.Equal(1.5 * scale, output[0, 3], 5);
        Assert.Equal(0f, output[1, 2], 5);
    }

    [Fact]
    public void LayerNormalization_ImageChannelsAxis()
    {
        var layer = new LayerNormalization();
        var output = LayerHarness.Run(layer, [2, 2, 3], [2, 2, 3], trainableWeights: 2);

        Assert.Equal([3], layer.Weights[0].Shape);
        for (var h = 0; h < 2; h++)
        {
            var mean = Enumerable.Range(0, 3).Average(c => output[0, h, 1, c]);
            Assert.Equal(0, mean, 4);
        }
    }

    [Fact]
    public void LayerNormalization_SeveralAxesGiveVariableShape()
    {
        var layer = new LayerNormalization(axis: [1, 2, 3]);

        LayerHarness.Run(layer, [2, 2, 3], [2, 2, 3], trainableWeights: 2, fromConfig: LayerNormalization.FromConfig);

        Assert.Equal([2, 2, 3], layer.Weights[0].Shape);
    }

    [Fact]
    public void Softmax_ChannelsAxisOfImages()
    {
        var input = new NDArray([0f, 0f, 1f, 1f], 1, 1, 2, 2);

        var output = LayerHarness.Run(new Softmax(), [1, 2, 2], [1, 2, 2], fromConfig: Softmax.FromConfig, input: input);
        var byWidth = LayerHarness.Run(new Softmax(axis: 2), [1, 2, 2], [1, 2, 2], input: input);

        Assert.Equal([0.5f, 0.5f, 0.5f, 0.5f], output.Data);
        Assert.Equal(1 / (1 + Math.E), byWidth[0, 0, 0, 0], 5);
        Assert.Equal(Math.E / (1 + Math.E), byWidth[0, 0, 1, 0], 5);
    }

    [Fact]
    public void LeakyReLU_UsesKerasDefaultSlope()
    {
        var output = LayerHarness.Run(new LeakyReLU(), [2], [2], fromConfig: LeakyReLU.FromConfig, input: new NDArray([-10f, 4f], 1, 2));

        Assert.Equal(-3f, output.Data[0], 5);
        Assert.Equal(4f, output.Data[1]);
    }

    [Fact]
    public void ELU_ScalesNegativePart()
    {
        var output = LayerHarness.Run(new ELU(alpha: 2), [2], [2], fromConfig: ELU.FromConfig, input: new NDArray([-1f, 3f], 1, 2));

        Assert.Equal(2 * (Math.Exp(-1) - 1), output.Data[0], 5);
        Assert.Equal(3f, output.Data[1]);
    }

    [Fact]
    public void Embedding_LooksUpRows()
    {
        var layer = new Embedding(4, 2);
        layer.Build(Shape.WithBatch(3));
        layer.Weights[0].SetValue([0f, 0f, 1f, 1f, 2f, 2f, 3f, 3f]);

        var output = LayerHarness.Run(layer, [3], [3, 2], trainableWeights: 1, fromConfig: Embedding.FromConfig, input: new NDArray([3f, 0f, 2f], 1, 3));

        Assert.Equal([3f, 3f, 0f, 0f, 2f, 2f], output.Data);
    }

    [Fact]
    public void Embedding_DefaultInitializerIsSmallUniform()
    {
        var layer = new Embedding(50, 8);
        layer.Build(Shape.WithBatch(4));

        Assert.All(layer.Weights[0].GetValue(), v => Assert.InRange(v, -0.05f, 0.05f));
    }
}
