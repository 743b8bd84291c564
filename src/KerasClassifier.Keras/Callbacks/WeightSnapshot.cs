using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>A copy of every model variable's value in memory, as Keras's <c>get_weights</c> returns, keyed by variable path.</summary>
internal sealed class WeightSnapshot
{
    private readonly List<(string Path, float[]? Floats, long[]? Longs)> values;

    private WeightSnapshot(List<(string Path, float[]? Floats, long[]? Longs)> values)
    {
        this.values = values;
    }

    /// <summary>Copies the current value of each of the model's variables.</summary>
    public static WeightSnapshot Capture(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var copied = model.Weights
            .Select(v => v.DType == "int64" ? (v.Path, (float[]?)null, (long[]?)v.GetInt64Value()) : (v.Path, v.GetValue(), null))
            .ToList();
        return new WeightSnapshot(copied);
    }

    /// <summary>Reads a snapshot written by <see cref="ToJson"/>.</summary>
    /// <exception cref="InvalidDataException">An entry is not base64 of float32 or int64 values.</exception>
    public static WeightSnapshot FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var read = new List<(string, float[]?, long[]?)>();
        foreach (var (path, node) in json)
        {
            var entry = node as JsonObject ?? throw new InvalidDataException($"Saved weights entry '{path}' is not an object.");
            var dtype = entry["dtype"]?.GetValue<string>();
            var bytes = Convert.FromBase64String(entry["data"]?.GetValue<string>() ?? string.Empty);
            read.Add(dtype switch
            {
                "float32" when bytes.Length % 4 == 0 => (path, MemoryMarshal.Cast<byte, float>(bytes).ToArray(), null),
                "int64" when bytes.Length % 8 == 0 => (path, null, MemoryMarshal.Cast<byte, long>(bytes).ToArray()),
                _ => throw new InvalidDataException($"Saved weights entry '{path}' has dtype '{dtype}' and {bytes.Length} bytes; expected float32 or int64 data."),
            });
        }

        return new WeightSnapshot(read);
    }

    /// <summary>Writes the values back into the model's variables, in order.</summary>
    /// <exception cref="InvalidOperationException">The model has a different number of variables.</exception>
    /// <exception cref="ArgumentException">A variable has a different size than its saved value.</exception>
    public void Restore(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var variables = model.Weights;
        if (variables.Count != values.Count)
        {
            throw new InvalidOperationException(
                $"Cannot restore weights into model '{model.Name}': it has {variables.Count} variables but the saved copy has {values.Count}.");
        }

        for (var i = 0; i < values.Count; i++)
        {
            // Positional, as Keras's set_weights: a rebuilt model in the same process gets new layer names.
            var (_, floats, longs) = values[i];
            if (floats is not null)
            {
                variables[i].SetValue(floats);
            }
            else
            {
                variables[i].SetInt64Value(longs!);
            }
        }
    }

    /// <summary>Encodes the snapshot as JSON: per path, the dtype and the little-endian values in base64.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var (path, floats, longs) in values)
        {
            var bytes = floats is not null ? MemoryMarshal.AsBytes(floats.AsSpan()).ToArray() : MemoryMarshal.AsBytes(longs!.AsSpan()).ToArray();
            json[path] = new JsonObject
            {
                ["dtype"] = floats is not null ? "float32" : "int64",
                ["data"] = Convert.ToBase64String(bytes),
            };
        }

        return json;
    }
}
