using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Optimizers;

public class OptimizerTests
{
    private static float[][] One(params float[] gradient) => [gradient];

    [Fact]
    public void RMSprop_PutsEpsilonInsideRoot()
    {
        var w = OptimizerSteps.Variable("w", [1f]);

        var steps = OptimizerSteps.Run(new RMSprop(learningRate: 0.1, epsilon: 0.5), [w], [One(2f)]);

        // v = 0.1 * 4 = 0.4; step = 0.1 * 2 / sqrt(0.4 + 0.5).
        Assert.Equal(1 - 0.2 / Math.Sqrt(0.9), steps[0][0][0], 6);
    }

    [Fact]
    public void RMSprop_MomentumAndCenteredSlotsGroupedByKind()
    {
        var optimizer = new RMSprop(momentum: 0.5, centered: true);
        var a = OptimizerSteps.Variable("a", [1f]);
        var b = OptimizerSteps.Variable("b", [1f]);

        OptimizerSteps.Run(optimizer, [a, b], [[[1f], [1f]]]);

        var names = optimizer.Variables.Select(v => v.Path).ToArray();
        Assert.Equal(
            ["rmsprop/iteration", "rmsprop/learning_rate", "rmsprop/test_a_velocity", "rmsprop/test_b_velocity", "rmsprop/test_a_momentum", "rmsprop/test_b_momentum", "rmsprop/test_a_average_gradient", "rmsprop/test_b_average_gradient"],
            names);
    }

    [Fact]
    public void Adam_AmsgradAppendsVelocityHatBlock()
    {
        var optimizer = new Adam(amsgrad: true);
        var a = OptimizerSteps.Variable("a", [1f]);
        var b = OptimizerSteps.Variable("b", [1f]);

        OptimizerSteps.Run(optimizer, [a, b], [[[1f], [1f]]]);

        var names = optimizer.Variables.Skip(2).Select(v => v.Name).ToArray();
        Assert.Equal(["momentum", "velocity", "momentum", "velocity", "velocity_hat", "velocity_hat"], names);
    }

    [Fact]
    public void Adagrad_StartsAccumulatorAtInitialValue()
    {
        var w = OptimizerSteps.Variable("w", [0f]);

        var steps = OptimizerSteps.Run(new Adagrad(learningRate: 1.0), [w], [One(1f)]);

        Assert.Equal(-1 / Math.Sqrt(1.1 + 1e-7), steps[0][0][0], 5);
    }

    [Fact]
    public void Nadam_FirstStepMatchesKerasFormula()
    {
        var w = OptimizerSteps.Variable("w", [0f]);

        var steps = OptimizerSteps.Run(new Nadam(learningRate: 1.0), [w], [One(1f)]);

        var u1 = 0.9 * (1 - 0.5 * 0.96);
        var u2 = 0.9 * (1 - 0.5 * Math.Pow(0.96, 2));
        var mHat = u2 * 0.1 / (1 - u1 * u2) + (1 - u1) / (1 - u1);
        var vHat = 0.001 / (1 - 0.999);
        Assert.Equal(-mHat / (Math.Sqrt(vHat) + 1e-7), steps[0][0][0], 5);
    }

    [Fact]
    public void WeightDecay_ShrinksBeforeUpdate()
    {
        var w = OptimizerSteps.Variable("w", [2f]);

        var steps = OptimizerSteps.Run(new SGD(0.1) { WeightDecay = 0.5 }, [w], [One(1f)]);

        // 2 - 2 * 0.5 * 0.1 = 1.9, then 1.9 - 0.1 * 1.
        Assert.Equal(1.8f, steps[0][0][0], 5);
    }

    [Fact]
    public void AdamW_DefaultsToKerasWeightDecay()
    {
        var optimizer = new AdamW();

        Assert.Equal(0.004, optimizer.WeightDecay);
        Assert.Equal("AdamW", optimizer.ClassName);
        Assert.Equal(0.004, optimizer.GetConfig()["weight_decay"]!.GetValue<double>());
    }

    [Fact]
    public void ClipNorm_ScalesEachGradient()
    {
        var a = OptimizerSteps.Variable("a", [0f, 0f]);
        var b = OptimizerSteps.Variable("b", [0f]);

        var steps = OptimizerSteps.Run(new SGD(1.0) { ClipNorm = 1.0 }, [a, b], [[[3f, 4f], [0.5f]]]);

        Assert.Equal(-0.6f, steps[0][0][0], 5);
        Assert.Equal(-0.8f, steps[0][0][1], 5);
        Assert.Equal(-0.5f, steps[0][1][0], 5);
    }

    [Fact]
    public void GlobalClipNorm_ScalesAllTogether()
    {
        var a = OptimizerSteps.Variable("a", [0f]);
        var b = OptimizerSteps.Variable("b", [0f]);

        var steps = OptimizerSteps.Run(new SGD(1.0) { GlobalClipNorm = 1.0 }, [a, b], [[[3f], [4f]]]);

        Assert.Equal(-0.6f, steps[0][0][0], 5);
        Assert.Equal(-0.8f, steps[0][1][0], 5);
    }

    [Fact]
    public void ClipValue_BoundsElements()
    {
        var a = OptimizerSteps.Variable("a", [0f, 0f]);

        var steps = OptimizerSteps.Run(new SGD(1.0) { ClipValue = 0.5 }, [a], [One(3f, -0.25f)]);

        Assert.Equal([-0.5f, 0.25f], steps[0][0]);
    }

    [Fact]
    public void Clipping_OnlyOneOptionAllowed()
    {
        var error = Assert.Throws<ArgumentException>(() => new SGD { ClipNorm = 1.0, ClipValue = 0.5 });

        Assert.Contains("Only one of ClipNorm, ClipValue and GlobalClipNorm", error.Message);
        Assert.Equal("ClipValue", error.ParamName);
    }

    [Fact]
    public void Config_WritesClippingKeys()
    {
        var config = new RMSprop { GlobalClipNorm = 2.0 }.GetConfig();

        Assert.Equal(2.0, config["global_clipnorm"]!.GetValue<double>());
        Assert.Null(config["clipnorm"]);
        Assert.Equal(0.9, config["rho"]!.GetValue<double>());
        Assert.Equal("rmsprop", config["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("adagrad", typeof(Adagrad))]
    [InlineData("adamw", typeof(AdamW))]
    [InlineData("nadam", typeof(Nadam))]
    [InlineData("RMSprop", typeof(RMSprop))]
    public void Factory_CreatesByName(string name, Type expected)
    {
        Assert.IsType(expected, OptimizerFactory.Get(name));
    }
}
