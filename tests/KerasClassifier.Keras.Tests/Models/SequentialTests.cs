using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Tests.Models;

public class SequentialTests
{
    [Fact]
    public void Summary_counts_mnist_convnet_parameters()
    {
        // Keras's "simple MNIST convnet" example: 34,826 parameters.
        var model = new Sequential([
            new InputLayer([28, 28, 1]),
            new Conv2D(32, 3, activation: "relu"),
            new MaxPooling2D(2),
            new Conv2D(64, 3, activation: "relu"),
            new MaxPooling2D(2),
            new Flatten(),
            new Dropout(0.5),
            new Dense(10, activation: "softmax"),
        ]);

        var summary = model.Summary();

        Assert.Equal(34_826, model.CountParams());
        Assert.Contains(" Total params: 34,826 (136.04 KB)", summary);
        Assert.Contains(" Trainable params: 34,826 (136.04 KB)", summary);
        Assert.Contains(" Non-trainable params: 0 (0.00 B)", summary);
        Assert.Contains("(None, 5, 5, 64)", summary);
        Assert.Contains("│           320 │", summary);
    }

    [Fact]
    public void Summary_counts_batch_norm_statistics_as_non_trainable()
    {
        var model = new Sequential([new InputLayer([4]), new BatchNormalization(), new Dense(2)]);

        var summary = model.Summary();

        Assert.Contains(" Total params: 26 ", summary);
        Assert.Contains(" Non-trainable params: 8 ", summary);
    }

    [Fact]
    public void Duplicate_layer_name_rejected()
    {
        var model = new Sequential([new InputLayer([4]), new Dense(3, name: "head")]);

        var error = Assert.Throws<ArgumentException>(() => model.Add(new Dense(2, name: "head")));

        Assert.Contains("'head'", error.Message);
    }

    [Fact]
    public void Shape_error_shows_at_add()
    {
        var model = new Sequential([new InputLayer([4])]);

        var error = Assert.Throws<ArgumentException>(() => model.Add(new Conv2D(3, 3, name: "conv")));

        Assert.Contains("Full shape received: (None, 4)", error.Message);
    }

    [Fact]
    public void Summary_before_build_explains()
    {
        var model = new Sequential([new Dense(3)]);

        var error = Assert.Throws<InvalidOperationException>(() => model.Summary());

        Assert.Contains("has not been built", error.Message);
    }
}
