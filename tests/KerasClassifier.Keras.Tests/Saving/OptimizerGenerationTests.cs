using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Saving.LegacyH5;
using KerasClassifier.Keras.Tests.Testing;
using PureHDF;

namespace KerasClassifier.Keras.Tests.Saving;

/// <summary>
/// Writes a trained model's Adam state under each naming and ordering that Keras writers have used
/// for <c>optimizer_weights</c>, then restores it into a fresh model.
/// </summary>
public class OptimizerGenerationTests
{
    public static TheoryData<string> Generations() => ["keras20", "tfkeras26", "tfkeras211", "keras3"];

    [Theory]
    [MemberData(nameof(Generations))]
    public void LegacyOptimizerWeights_RestoreSlots(string generation)
    {
        using var folder = new TempDirectory();
        var trained = SavingTestModels.Compiled(SavingTestModels.SmallPoolingNet());
        var (x, y) = SavingTestModels.Data([6, 6, 3], 12, 4);
        trained.Fit(x, y, batchSize: 4, epochs: 1, shuffle: false);
        var path = folder.File($"{generation}.h5");
        WriteOptimizerWeights(trained, generation, path);
        var target = SavingTestModels.Compiled(SavingTestModels.SmallPoolingNet());

        using var file = H5File.OpenRead(path);
        var state = LegacyOptimizerWeights.Read(file.Group("optimizer_weights"), new FileLocation(path))!;
        var restored = OptimizerStateRestorer.Restore(target, state, new FileLocation(path));

        Assert.True(restored);
        Assert.Equal(generation is "keras20" or "tfkeras26" ? OptimizerSlotLayout.Blocked : OptimizerSlotLayout.Interleaved, state.Layout);
        Assert.Equal(generation == "keras3", state.HasLearningRate);
        Assert.Equal(3, target.Optimizer!.Iterations);
        Assert.Equal(SavingTestModels.OptimizerValues(trained).Skip(2), SavingTestModels.OptimizerValues(target).Skip(2));
    }

    /// <summary>Writes <c>optimizer_weights</c> as the named Keras version did: names, order and step-count type.</summary>
    private static void WriteOptimizerWeights(Model model, string generation, string path)
    {
        var variables = model.Optimizer!.Variables;
        var trainable = model.TrainableWeights;
        var momentums = Enumerable.Range(0, trainable.Count).Select(i => variables[2 + (2 * i)]).ToArray();
        var velocities = Enumerable.Range(0, trainable.Count).Select(i => variables[3 + (2 * i)]).ToArray();
        var step = variables[0].GetInt64Value()[0];
        string VariableName(int i) => trainable[i].Path;

        var entries = new List<(string Name, object Data, ulong[] Shape)>();
        switch (generation)
        {
            case "keras20":
                entries.Add(("iterations:0", new[] { (float)step }, []));
                var slots = momentums.Concat(velocities).ToArray();
                entries.AddRange(slots.Select((v, i) => (i == 0 ? "Variable:0" : $"Variable_{i}:0", (object)v.GetValue(), Dims(v))));
                break;
            case "tfkeras26":
                entries.Add(("Adam/iter:0", new[] { step }, []));
                entries.AddRange(momentums.Select((v, i) => ($"Adam/{VariableName(i)}/m:0", (object)v.GetValue(), Dims(v))));
                entries.AddRange(velocities.Select((v, i) => ($"Adam/{VariableName(i)}/v:0", (object)v.GetValue(), Dims(v))));
                break;
            case "tfkeras211":
                entries.Add(("iteration:0", new[] { step }, []));
                for (var i = 0; i < trainable.Count; i++)
                {
                    entries.Add(($"Adam/m/{VariableName(i)}:0", momentums[i].GetValue(), Dims(momentums[i])));
                    entries.Add(($"Adam/v/{VariableName(i)}:0", velocities[i].GetValue(), Dims(velocities[i])));
                }

                break;
            default:
                entries.AddRange(variables.Select(v => (v.Path, v.DType == "int64" ? (object)v.GetInt64Value() : v.GetValue(), Dims(v))));
                break;
        }

        var group = new H5Group();
        group.Attributes["weight_names"] = entries.Select(e => e.Name).ToArray();
        foreach (var (name, data, shape) in entries)
        {
            var parts = name.Split('/');
            var parent = group;
            foreach (var part in parts[..^1])
            {
                if (!parent.TryGetValue(part, out var child))
                {
                    child = new H5Group();
                    parent[part] = child;
                }

                parent = (H5Group)child;
            }

            parent[parts[^1]] = new H5Dataset(data, fileDims: shape);
        }

        new H5File { ["optimizer_weights"] = group }.Write(path);
    }

    private static ulong[] Dims(KerasVariable variable) => variable.Shape.Select(d => (ulong)d).ToArray();
}
