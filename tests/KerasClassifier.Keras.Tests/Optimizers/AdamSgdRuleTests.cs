using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;

namespace KerasClassifier.Keras.Tests.Optimizers;

public class AdamSgdRuleTests
{
    /// <summary>
    /// A Dense layer with kernel (w0, w1) and no bias maps x to logits (w0 x, w1 x); with target 0 the
    /// softmax cross-entropy has gradients g0 = (p0 - 1) x and g1 = -g0, where p0 = sigmoid((w0 - w1) x).
    /// Both weights start symmetric around zero (0.5 and -0.5), so w1 = -w0 after every step.
    /// </summary>
    private static (Sequential Model, KerasVariable Kernel) OneWeightModel(Optimizer optimizer)
    {
        var dense = new Dense(2, activation: "softmax", useBias: false);
        var model = new Sequential([new InputLayer([1]), dense]);
        dense.Weights[0].SetValue([0.5f, -0.5f]);
        model.Compile(optimizer, new SparseCategoricalCrossentropy());
        return (model, dense.Weights[0]);
    }

    private static double Gradient(double w, double x) => (1 / (1 + Math.Exp(-2 * w * x)) - 1) * x;

    [Fact]
    public void Adam_first_steps_follow_keras_formula()
    {
        var (model, kernel) = OneWeightModel(new Adam(0.1));
        double w = 0.5, m = 0, v = 0;

        for (var step = 1; step <= 3; step++)
        {
            model.Fit(new NDArray([2], 1, 1), [0], batchSize: 1, epochs: 1, shuffle: false);

            var g = Gradient(w, 2);
            m += (g - m) * 0.1;
            v += (g * g - v) * 0.001;
            var stepSize = 0.1 * Math.Sqrt(1 - Math.Pow(0.999, step)) / (1 - Math.Pow(0.9, step));
            w -= stepSize * m / (Math.Sqrt(v) + 1e-7);

            Assert.Equal(w, kernel.GetValue()[0], 5);
            Assert.Equal(-w, kernel.GetValue()[1], 5);
        }

        Assert.Equal(3, model.Optimizer!.Iterations);
    }

    [Fact]
    public void Sgd_momentum_follows_keras_rule()
    {
        var (model, kernel) = OneWeightModel(new SGD(0.5, momentum: 0.9));
        double w = 0.5, velocity = 0;

        for (var step = 1; step <= 3; step++)
        {
            model.Fit(new NDArray([2], 1, 1), [0], batchSize: 1, epochs: 1, shuffle: false);

            velocity = 0.9 * velocity - 0.5 * Gradient(w, 2);
            w += velocity;

            Assert.Equal(w, kernel.GetValue()[0], 5);
        }
    }

    [Fact]
    public void Optimizer_variables_in_keras_order()
    {
        var (model, _) = OneWeightModel(new Adam());
        model.Fit(new NDArray([2], 1, 1), [0], batchSize: 1, epochs: 1);

        var names = model.Optimizer!.Variables.Select(v => v.Name).ToArray();

        Assert.Equal(["iteration", "learning_rate", "momentum", "velocity"], names);
        Assert.Equal([1L], model.Optimizer.Variables[0].GetInt64Value());
    }

    [Fact]
    public void Unknown_optimizer_lists_names()
    {
        var error = Assert.Throws<ArgumentException>(() => OptimizerFactory.Get("adamm"));

        Assert.Contains("'adamm'", error.Message);
        Assert.Contains("adam", error.Message);
        Assert.Contains("sgd", error.Message);
    }
}
