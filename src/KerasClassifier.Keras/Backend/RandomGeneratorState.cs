using System.Text.Json.Nodes;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Backend;

/// <summary>
/// Reads and restores the random generators that training draws from: libtorch's default CPU
/// generator (dropout, layers without a seed) and each random augmentation layer's own generator.
/// </summary>
/// <remarks>A resumed run restores these so that dropout masks and augmentations continue as in an uninterrupted run.</remarks>
internal static class RandomGeneratorState
{
    /// <summary>Copies the generator states as JSON: base64 of the default generator, and one entry per random layer in model order.</summary>
    // TODO: capture the CUDA generators too; a run resumed on a GPU draws different dropout masks than an uninterrupted one.
    public static JsonObject Capture(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        NativeLibraryLoader.EnsureLoaded();
        using var state = random.get_rng_state();
        var layers = new JsonArray();
        foreach (var (path, layer) in RandomLayers(model, string.Empty))
        {
            var bytes = layer.GetGeneratorState();
            layers.Add(new JsonObject { ["layer"] = path, ["state"] = bytes is null ? null : Convert.ToBase64String(bytes) });
        }

        return new JsonObject
        {
            ["torch_cpu"] = Convert.ToBase64String(state.data<byte>().ToArray()),
            ["layers"] = layers,
        };
    }

    /// <summary>Restores states written by <see cref="Capture"/>; layers beyond the saved list keep theirs.</summary>
    /// <exception cref="InvalidDataException">An entry is not base64.</exception>
    public static void Restore(Model model, JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        NativeLibraryLoader.EnsureLoaded();
        // Layers match by position, as weights do, because a model rebuilt in the same process gets new layer names.
        var layers = state["layers"] as JsonArray ?? [];
        var index = 0;
        foreach (var (path, layer) in RandomLayers(model, string.Empty))
        {
            if (index < layers.Count && layers[index] is JsonObject entry)
            {
                layer.SetGeneratorState(entry["state"] is { } encoded ? Decode(encoded, path) : null);
            }

            index++;
        }

        // The default generator goes last: creating a layer's generator may draw a seed from it.
        if (state["torch_cpu"] is { } global)
        {
            using var tensor = TorchSharp.torch.tensor(Decode(global, "torch_cpu"), ScalarType.Byte);
            random.set_rng_state(tensor);
        }
    }

    private static byte[] Decode(JsonNode node, string name)
    {
        try
        {
            return Convert.FromBase64String(node.GetValue<string>());
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"The saved random state '{name}' is not base64.", ex);
        }
    }

    private static IEnumerable<(string Path, RandomLayer Layer)> RandomLayers(Model model, string prefix)
    {
        foreach (var layer in model.Layers)
        {
            var path = prefix + layer.Name;
            if (layer is RandomLayer random)
            {
                yield return (path, random);
            }
            else if (layer is Model inner)
            {
                foreach (var nested in RandomLayers(inner, path + "/"))
                {
                    yield return nested;
                }
            }
        }
    }
}
