using System.Text.Json.Nodes;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Tests.Testing;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Tests.Parity;

/// <summary>Compares each loss with Keras's definitions in Fixtures/losses.json.</summary>
public class LossParityTests
{
    private const string File = "losses.json";

    public static IEnumerable<object[]> Cases => ParityFixtures.CaseNames(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loss_MatchesReference(string name)
    {
        var fixture = ParityFixtures.Case(File, name);
        var loss = CreateLoss(fixture["class_name"]!.GetValue<string>(), fixture["config"]!.AsObject());
        using var yTrue = ToTensor(fixture["y_true"]!);
        using var yPred = ToTensor(fixture["y_pred"]!);
        using var weights = fixture["sample_weight"] is JsonArray w ? tensor(ParityFixtures.Floats(w)) : null;

        using var value = loss.Compute(yTrue, yPred, weights);

        ParityFixtures.AssertClose([fixture["expected"]!.GetValue<float>()], [value.item<float>()], name);
    }

    private static Tensor ToTensor(JsonNode node) =>
        tensor(ParityFixtures.Floats(node["values"]), ParityFixtures.Ints(node["shape"]).Select(d => (long)d).ToArray());

    private static Loss CreateLoss(string className, JsonObject config)
    {
        bool Logits() => config["from_logits"]!.GetValue<bool>();
        double Smoothing() => config["label_smoothing"]!.GetValue<double>();
        return className switch
        {
            "CategoricalCrossentropy" => new CategoricalCrossentropy(Logits(), Smoothing()),
            "SparseCategoricalCrossentropy" => new SparseCategoricalCrossentropy(Logits(), Smoothing()),
            "BinaryCrossentropy" => new BinaryCrossentropy(Logits(), Smoothing()),
            "MeanSquaredError" => new MeanSquaredError(),
            "MeanAbsoluteError" => new MeanAbsoluteError(),
            "Huber" => new Huber(config["delta"]!.GetValue<double>()),
            "KLDivergence" => new KLDivergence(),
            _ => throw new InvalidOperationException($"No loss {className}."),
        };
    }
}
