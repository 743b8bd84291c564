using KerasClassifier.Keras.Optimizers;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>Runs optimizer steps on free-standing variables with chosen gradients.</summary>
internal static class OptimizerSteps
{
    public static KerasVariable Variable(string name, float[] values)
    {
        var value = tensor(values).requires_grad_(true);
        return new KerasVariable(name, $"test/{name}", [values.Length], value.DetachFromDisposeScope(), true, VariableLayout.Identity);
    }

    /// <summary>Applies one step per gradient set and returns each variable's values after every step.</summary>
    public static List<float[][]> Run(Optimizer optimizer, KerasVariable[] variables, float[][][] gradientsPerStep)
    {
        var history = new List<float[][]>();
        foreach (var gradients in gradientsPerStep)
        {
            for (var i = 0; i < variables.Length; i++)
            {
                variables[i].Value.grad?.zero_();
                using var loss = (variables[i].Value * tensor(gradients[i])).sum();
                loss.backward();
            }

            optimizer.Apply(variables);
            history.Add(variables.Select(v => v.GetValue()).ToArray());
        }

        return history;
    }
}
