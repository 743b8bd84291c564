using KerasClassifier.Keras.Metrics;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Tests.Metrics;

public class MetricTests
{
    private static readonly Tensor Scores = tensor(new float[] { 0.1f, 0.7f, 0.2f, 0.6f, 0.3f, 0.1f, 0.2f, 0.3f, 0.5f, 0.45f, 0.35f, 0.2f }, [4, 3]);
    private static readonly Tensor Labels = tensor(new long[] { 1, 0, 1, 2 });

    private static double Run(Metric metric, Tensor yTrue, Tensor yPred)
    {
        metric.Update(yTrue, yPred);
        return metric.Result();
    }

    [Fact]
    public void Accuracy_ChoosesSparseForClassIds()
    {
        var metric = MetricFactory.Get("accuracy");

        Assert.Equal(0.5, Run(metric, Labels, Scores), 6);
        Assert.Equal("accuracy", metric.Name);
    }

    [Fact]
    public void Accuracy_ChoosesCategoricalForOneHot()
    {
        var oneHot = nn.functional.one_hot(Labels, 3).to_type(ScalarType.Float32);

        Assert.Equal(0.5, Run(MetricFactory.Get("accuracy"), oneHot, Scores), 6);
        Assert.Equal(0.5, Run(new CategoricalAccuracy(), oneHot, Scores), 6);
    }

    [Fact]
    public void Accuracy_ChoosesBinaryForOneUnit()
    {
        var yTrue = tensor(new float[] { 1, 0, 1 });
        var yPred = tensor(new float[] { 0.9f, 0.6f, 0.7f }, [3, 1]);

        Assert.Equal(2 / 3.0, Run(MetricFactory.Get("accuracy"), yTrue, yPred), 6);
        Assert.Equal(1.0, Run(new BinaryAccuracy(threshold: 0.65), yTrue, yPred), 6);
    }

    [Fact]
    public void TopK_CountsTargetsAmongBest()
    {
        Assert.Equal(0.75, Run(new SparseTopKCategoricalAccuracy(k: 2), Labels, Scores), 6);
        Assert.Equal(0.75, Run(new TopKCategoricalAccuracy(k: 2), nn.functional.one_hot(Labels, 3), Scores), 6);
        Assert.Equal(1.0, Run(new SparseTopKCategoricalAccuracy(k: 3), Labels, Scores), 6);
    }

    [Fact]
    public void PrecisionRecall_BinaryCounts()
    {
        var yTrue = tensor(new float[] { 1, 0, 1, 1, 0 }, [5, 1]);
        var yPred = tensor(new float[] { 0.9f, 0.8f, 0.2f, 0.7f, 0.1f }, [5, 1]);

        Assert.Equal(2 / 3.0, Run(new Precision(), yTrue, yPred), 6);
        Assert.Equal(2 / 3.0, Run(new Recall(), yTrue, yPred), 6);
        Assert.Equal(1.0, Run(new Precision(threshold: 0.85), yTrue, yPred), 6);
    }

    [Fact]
    public void PrecisionRecall_ClassIdOnSparseLabels()
    {
        // Only row 0 scores class 1 above 0.5, and it is a class-1 row; row 2 is a missed class-1 row.
        Assert.Equal(1.0, Run(new Precision(classId: 1), Labels, Scores), 6);
        Assert.Equal(0.5, Run(new Recall(classId: 1), Labels, Scores), 6);
    }

    [Fact]
    public void F1Score_MacroAveragesClasses()
    {
        // Predicted classes 1, 0, 2, 0 against 1, 0, 1, 2: class 0 F1 2/3, class 1 F1 2/3, class 2 F1 0.
        var value = Run(new F1Score(), Labels, Scores);

        Assert.Equal((2 / 3.0 + 2 / 3.0 + 0) / 3, value, 5);
    }

    [Fact]
    public void F1Score_AccumulatesAcrossBatches()
    {
        var metric = new F1Score(average: "micro");
        metric.Update(Labels.narrow(0, 0, 2), Scores.narrow(0, 0, 2));
        metric.Update(Labels.narrow(0, 2, 2), Scores.narrow(0, 2, 2));

        Assert.Equal(0.5, metric.Result(), 5);
    }

    [Fact]
    public void AUC_PerfectRankingIsOne()
    {
        var yTrue = tensor(new float[] { 0, 0, 1, 1 });
        var yPred = tensor(new float[] { 0.1f, 0.35f, 0.4f, 0.8f }, [4, 1]);

        Assert.Equal(1.0, Run(new AUC(), yTrue, yPred), 3);
        Assert.Equal(1.0, Run(new AUC(curve: "PR"), yTrue, yPred), 3);
    }

    [Fact]
    public void AUC_MixedRankingMatchesTrapezoid()
    {
        var yTrue = tensor(new float[] { 0, 1, 0, 1 });
        var yPred = tensor(new float[] { 0.1f, 0.35f, 0.4f, 0.8f }, [4, 1]);

        // Exact ROC area: pairs (pos, neg) ordered correctly 3 of 4.
        Assert.Equal(0.75, Run(new AUC(numThresholds: 1000), yTrue, yPred), 2);
    }

    [Fact]
    public void Metrics_ResetClearsState()
    {
        var metric = new Precision();
        metric.Update(tensor(new float[] { 1 }), tensor(new float[] { 0.9f }, [1, 1]));
        metric.Reset();

        Assert.True(double.IsNaN(metric.Result()));
    }

    [Fact]
    public void ConfusionMatrix_CountsPairs()
    {
        var matrix = ConfusionMatrix.FromPredictions([1, 0, 1, 2], new NDArray(Scores.data<float>().ToArray(), 4, 3));

        Assert.Equal(1, matrix[1, 1]);
        Assert.Equal(1, matrix[0, 0]);
        Assert.Equal(1, matrix[1, 2]);
        Assert.Equal(1, matrix[2, 0]);
        Assert.Equal(4, matrix.Total);
    }

    [Fact]
    public void ConfusionMatrix_RejectsUnknownClass()
    {
        var matrix = new ConfusionMatrix(2);

        var error = Assert.Throws<ArgumentException>(() => matrix.Update([0, 3], [0, 1]));

        Assert.Contains("class id 3 at index 1", error.Message);
    }

    [Fact]
    public void Factory_UnknownNameListsKnown()
    {
        var error = Assert.Throws<ArgumentException>(() => MetricFactory.Get("acuracy"));

        Assert.Contains("f1_score", error.Message);
    }
}
