using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Layers;

public class DenseTests
{
    [Fact]
    public void Output_is_input_times_kernel_plus_bias()
    {
        var dense = new Dense(2);
        dense.Build(new Shape(null, 3));
        dense.Weights[0].SetValue([1, 2, 3, 4, 5, 6]);
        dense.Weights[1].SetValue([0.5f, -1]);

        var output = LayerRunner.Run(dense, new NDArray([1, 1, 1, 2, 0, 1], 2, 3));

        // Row 1: (1+3+5, 2+4+6) + bias; row 2: (2+0+5, 4+0+6) + bias.
        TensorAssert.Close([9.5f, 11, 7.5f, 9], output.Data);
    }

    [Fact]
    public void Softmax_activation_rows_sum_to_one()
    {
        var dense = new Dense(4, activation: "softmax");

        var output = LayerRunner.Run(dense, new NDArray([1, -2, 3, 0.5f, 2, -1], 2, 3));

        Assert.Equal(1.0, output.Data.Take(4).Sum(), 5);
        Assert.Equal(1.0, output.Data.Skip(4).Sum(), 5);
    }

    [Fact]
    public void Unknown_activation_lists_known_names()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dense(3, activation: "relu7"));

        Assert.Contains("'relu7'", error.Message);
        Assert.Contains("relu6", error.Message);
    }
}
