using System.Text.Json.Nodes;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Parity;

/// <summary>Compares the first three steps of each optimizer with Keras's formulas in Fixtures/optimizers.json.</summary>
public class OptimizerParityTests
{
    private const string File = "optimizers.json";

    public static IEnumerable<object[]> Cases => ParityFixtures.CaseNames(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Optimizer_MatchesThreeKerasSteps(string name)
    {
        var fixture = ParityFixtures.Case(File, name);
        var optimizer = CreateOptimizer(fixture["class_name"]!.GetValue<string>(), fixture["config"]!.AsObject());
        var variables = fixture["variables"]!.AsArray()
            .Select((v, i) => OptimizerSteps.Variable($"v{i}", ParityFixtures.Floats(v!["initial"])))
            .ToArray();
        var gradients = fixture["gradients"]!.AsArray()
            .Select(step => step!.AsArray().Select(ParityFixtures.Floats).ToArray())
            .ToArray();

        var history = OptimizerSteps.Run(optimizer, variables, gradients);

        var expected = fixture["expected"]!.AsArray();
        for (var step = 0; step < 3; step++)
        {
            for (var v = 0; v < variables.Length; v++)
            {
                ParityFixtures.AssertClose(ParityFixtures.Floats(expected[step]![v]), history[step][v], $"{name} step {step + 1} variable {v}");
            }
        }

        Assert.Equal(3, optimizer.Iterations);
    }

    private static Optimizer CreateOptimizer(string className, JsonObject config)
    {
        double Get(string key) => config[key]!.GetValue<double>();
        double? Optional(string key) => config[key]?.GetValue<double>();
        var rate = Get("learning_rate");
        Optimizer created = className switch
        {
            "SGD" => new SGD(rate, Get("momentum"), config["nesterov"]!.GetValue<bool>())
            {
                WeightDecay = Optional("weight_decay"),
                ClipNorm = Optional("clipnorm"),
                GlobalClipNorm = Optional("global_clipnorm"),
                ClipValue = Optional("clipvalue"),
            },
            "Adam" => new Adam(rate, Get("beta_1"), Get("beta_2"), Get("epsilon"), config["amsgrad"]!.GetValue<bool>())
            {
                WeightDecay = Optional("weight_decay"),
                ClipNorm = Optional("clipnorm"),
                GlobalClipNorm = Optional("global_clipnorm"),
                ClipValue = Optional("clipvalue"),
            },
            "AdamW" => new AdamW(rate, Get("weight_decay"), Get("beta_1"), Get("beta_2"), Get("epsilon"), config["amsgrad"]!.GetValue<bool>()),
            "RMSprop" => new RMSprop(rate, Get("rho"), Get("momentum"), Get("epsilon"), config["centered"]!.GetValue<bool>())
            {
                ClipValue = Optional("clipvalue"),
            },
            "Adagrad" => new Adagrad(rate, Get("initial_accumulator_value"), Get("epsilon")),
            "Nadam" => new Nadam(rate, Get("beta_1"), Get("beta_2"), Get("epsilon")),
            _ => throw new InvalidOperationException($"No optimizer {className}."),
        };
        return created;
    }
}
