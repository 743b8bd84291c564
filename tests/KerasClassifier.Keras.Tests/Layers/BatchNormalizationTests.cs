using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Layers;

public class BatchNormalizationTests
{
    [Fact]
    public void Inference_uses_moving_statistics_and_keras_epsilon()
    {
        var bn = new BatchNormalization();
        bn.Build(new Shape(null, 2));
        bn.Weights[0].SetValue([2, 1]);      // gamma
        bn.Weights[1].SetValue([0, 1]);      // beta
        bn.Weights[2].SetValue([1, -1]);     // moving_mean
        bn.Weights[3].SetValue([4, 0.999f]); // moving_variance

        var output = LayerRunner.Run(bn, new NDArray([3, 0], 1, 2));

        // (3 - 1) / sqrt(4 + 0.001) * 2 + 0 and (0 + 1) / sqrt(0.999 + 0.001) * 1 + 1.
        TensorAssert.Close([(float)(2 / Math.Sqrt(4.001) * 2), 2], output.Data);
    }

    [Fact]
    public void Training_moves_statistics_with_keras_momentum()
    {
        var model = new Sequential([new InputLayer([1]), new BatchNormalization(momentum: 0.9), new Dense(2, activation: "softmax")]);
        model.Compile(new SGD(0.0001), new SparseCategoricalCrossentropy());

        model.Fit(new NDArray([1, 3], 2, 1), [0, 1], batchSize: 2, epochs: 1, shuffle: false);

        // moving_mean = 0.9 * 0 + 0.1 * mean(1, 3).
        var movingMean = model.Layers[0].Weights[2].GetValue()[0];
        Assert.Equal(0.2f, movingMean, 5);
    }

    [Fact]
    public void Frozen_layer_keeps_statistics_during_training()
    {
        var bn = new BatchNormalization(trainable: false);
        var model = new Sequential([new InputLayer([1]), bn, new Dense(2, activation: "softmax")]);
        model.Compile(new SGD(0.01), new SparseCategoricalCrossentropy());

        model.Fit(new NDArray([1, 3, 5, 7], 4, 1), [0, 1, 0, 1], batchSize: 4, epochs: 2, shuffle: false);

        Assert.Equal([0f], bn.Weights[2].GetValue());
        Assert.Equal([1f], bn.Weights[3].GetValue());
        Assert.Empty(bn.TrainableWeights);
        Assert.Equal(4, bn.NonTrainableWeights.Count);
    }
}
