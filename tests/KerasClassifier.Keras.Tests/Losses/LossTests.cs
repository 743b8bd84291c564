using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Tests.Testing;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Tests.Losses;

public class LossTests
{
    private static double Value(Loss loss, Tensor yTrue, Tensor yPred, Tensor? weights = null)
    {
        using var result = loss.Compute(yTrue, yPred, weights);
        return result.item<float>();
    }

    [Fact]
    public void CategoricalCrossentropy_ClipsAndRenormalizes()
    {
        var yTrue = tensor(new float[] { 0, 1, 1, 0 }, [2, 2]);
        var yPred = tensor(new float[] { 0.2f, 0.6f, 1f, 0f }, [2, 2]);

        var loss = Value(new CategoricalCrossentropy(), yTrue, yPred);

        // Row 1 renormalizes to 0.75; row 2 clips 1 to 1 - 1e-7.
        var expected = (-Math.Log(0.75) - Math.Log(1 - 1e-7)) / 2;
        Assert.Equal(expected, loss, 5);
    }

    [Fact]
    public void CategoricalCrossentropy_LabelSmoothingFromLogits()
    {
        var yTrue = tensor(new float[] { 1, 0 }, [1, 2]);
        var logits = tensor(new float[] { 2, 0 }, [1, 2]);

        var loss = Value(new CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.2), yTrue, logits);

        var logP0 = 2 - Math.Log(Math.Exp(2) + 1);
        var logP1 = -Math.Log(Math.Exp(2) + 1);
        Assert.Equal(-(0.9 * logP0 + 0.1 * logP1), loss, 5);
    }

    [Fact]
    public void SparseCategoricalCrossentropy_MatchesDenseForm()
    {
        var labels = tensor(new long[] { 1, 0 });
        var oneHot = tensor(new float[] { 0, 1, 1, 0 }, [2, 2]);
        var logits = tensor(new float[] { 0.5f, -1f, 2f, 0.25f }, [2, 2]);

        var sparse = Value(new SparseCategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.1), labels, logits);
        var dense = Value(new CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.1), oneHot, logits);

        Assert.Equal(dense, sparse, 5);
    }

    [Fact]
    public void BinaryCrossentropy_AveragesLastAxis()
    {
        var yTrue = tensor(new float[] { 1, 0 }, [1, 2]);
        var yPred = tensor(new float[] { 0.8f, 0.4f }, [1, 2]);

        var loss = Value(new BinaryCrossentropy(), yTrue, yPred);
        var smoothed = Value(new BinaryCrossentropy(labelSmoothing: 0.2), yTrue, yPred);

        Assert.Equal((-Math.Log(0.8) - Math.Log(0.6)) / 2, loss, 5);
        var expectedSmoothed = (-(0.9 * Math.Log(0.8) + 0.1 * Math.Log(0.2)) - (0.1 * Math.Log(0.4) + 0.9 * Math.Log(0.6))) / 2;
        Assert.Equal(expectedSmoothed, smoothed, 5);
    }

    [Fact]
    public void BinaryCrossentropy_LogitsMatchProbabilities()
    {
        var yTrue = tensor(new float[] { 1, 0, 1 }, [3, 1]);
        var logits = tensor(new float[] { 0.3f, -2f, 4f }, [3, 1]);

        var fromLogits = Value(new BinaryCrossentropy(fromLogits: true), yTrue, logits);
        var fromProbabilities = Value(new BinaryCrossentropy(), yTrue, logits.sigmoid());

        Assert.Equal(fromProbabilities, fromLogits, 4);
    }

    [Fact]
    public void Regression_LossesMatchFormulas()
    {
        var yTrue = tensor(new float[] { 0, 0, 1, 1 }, [2, 2]);
        var yPred = tensor(new float[] { 0.5f, 2f, 1f, -1f }, [2, 2]);

        Assert.Equal((0.25 + 4 + 0 + 4) / 4, Value(new MeanSquaredError(), yTrue, yPred), 5);
        Assert.Equal((0.5 + 2 + 0 + 2) / 4, Value(new MeanAbsoluteError(), yTrue, yPred), 5);
        Assert.Equal((0.125 + 1.5 + 0 + 1.5) / 4, Value(new Huber(), yTrue, yPred), 5);
    }

    [Fact]
    public void KLDivergence_ZeroForEqualDistributions()
    {
        var p = tensor(new float[] { 0.3f, 0.7f }, [1, 2]);
        var q = tensor(new float[] { 0.5f, 0.5f }, [1, 2]);

        Assert.Equal(0, Value(new KLDivergence(), p, p), 6);
        Assert.Equal(0.3 * Math.Log(0.6) + 0.7 * Math.Log(1.4), Value(new KLDivergence(), p, q), 5);
    }

    [Fact]
    public void SampleWeights_DivideByBatchSize()
    {
        var yTrue = tensor(new float[] { 0, 0 }, [2, 1]);
        var yPred = tensor(new float[] { 1, 3 }, [2, 1]);
        var weights = tensor(new float[] { 2, 0 });

        Assert.Equal(1.0, Value(new MeanSquaredError(), yTrue, yPred, weights), 6);
        Assert.Equal(2.0, Value(new MeanSquaredError(reduction: "sum"), yTrue, yPred, weights), 6);
        Assert.Equal(1.0, Value(new MeanSquaredError(reduction: "mean_with_sample_weight"), yTrue, yPred, weights), 6);
    }

    [Fact]
    public void Reduction_UnknownIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Huber(reduction: "none"));

        Assert.Equal("reduction", error.ParamName);
    }

    [Fact]
    public void CategoricalCrossentropy_SparseTargetsExplainFix()
    {
        var error = Assert.Throws<ArgumentException>(() => Value(new CategoricalCrossentropy(), tensor(new long[] { 1 }), tensor(new float[] { 0.5f, 0.5f }, [1, 2])));

        Assert.Contains("SparseCategoricalCrossentropy", error.Message);
    }

    [Fact]
    public void Fit_ClassWeightScalesLoss()
    {
        var plain = SingleDenseModel();
        var weighted = SingleDenseModel();
        weighted.Weights[0].SetValue(plain.Weights[0].GetValue());
        var x = RandomArrays.Uniform(9, 6, 3);
        var y = new[] { 0, 1, 0, 1, 1, 1 };

        var plainLoss = plain.Evaluate(x, y)["loss"];
        var weightedHistory = weighted.Fit(x, y, batchSize: 6, epochs: 1, shuffle: false, classWeight: new Dictionary<int, double> { [0] = 0, [1] = 2 });
        var perExample = PerExampleLoss(plain, x, y);
        var expected = perExample.Select((l, i) => y[i] == 1 ? 2 * l : 0).Sum() / 6;

        Assert.NotEqual(plainLoss, weightedHistory.Values["loss"][0], 3);
        Assert.Equal(expected, weightedHistory.Values["loss"][0], 4);
    }

    [Fact]
    public void Fit_SampleWeightLengthChecked()
    {
        var model = SingleDenseModel();

        var error = Assert.Throws<ArgumentException>(() => model.Fit(RandomArrays.Uniform(1, 4, 3), [0, 1, 0, 1], sampleWeight: [1f, 1f]));

        Assert.Equal("sampleWeight", error.ParamName);
    }

    private static Functional SingleDenseModel()
    {
        var inputs = Keras.Input([3]);
        var model = new Functional(inputs, new Dense(2, activation: "softmax", kernelInitializer: "ones").Apply(inputs));
        model.Compile(new SGD(1e-9), new SparseCategoricalCrossentropy());
        return model;
    }

    private static double[] PerExampleLoss(Functional model, NDArray x, int[] y)
    {
        var p = model.Predict(x);
        return y.Select((label, i) => -Math.Log(p[i, label])).ToArray();
    }
}
