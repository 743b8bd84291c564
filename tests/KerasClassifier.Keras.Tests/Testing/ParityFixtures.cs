using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>Reads the JSON fixtures that Fixtures/generate_parity.py writes.</summary>
internal static class ParityFixtures
{
    /// <summary>The largest absolute difference a parity test accepts between our values and the reference.</summary>
    public const double Tolerance = 1e-5;

    private static readonly Dictionary<string, JsonObject> Cache = [];

    public static JsonObject Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var root))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", file);
                root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
                Cache[file] = root;
            }

            return root;
        }
    }

    public static IEnumerable<object[]> CaseNames(string file) =>
        Load(file)["cases"]!.AsArray().Select(c => new object[] { c!["name"]!.GetValue<string>() });

    public static JsonObject Case(string file, string name) =>
        Load(file)["cases"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == name)!.AsObject();

    public static float[] Floats(JsonNode? node) => node!.AsArray().Select(v => v!.GetValue<float>()).ToArray();

    public static int[] Ints(JsonNode? node) => node!.AsArray().Select(v => v!.GetValue<int>()).ToArray();

    /// <summary>Asserts every element is within <see cref="Tolerance"/> and returns the largest difference.</summary>
    public static double AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        var worstIndex = -1;
        for (var i = 0; i < expected.Length; i++)
        {
            var difference = Math.Abs((double)expected[i] - actual[i]);
            if (difference > worst || double.IsNaN(difference))
            {
                worst = double.IsNaN(difference) ? double.PositiveInfinity : difference;
                worstIndex = i;
            }
        }

        Assert.True(
            worst <= Tolerance,
            $"{what}: element {worstIndex} differs by {worst:E2} (expected {(worstIndex >= 0 ? expected[worstIndex] : 0)}, actual {(worstIndex >= 0 ? actual[worstIndex] : 0)}); tolerance {Tolerance:E0}.");
        return worst;
    }
}
