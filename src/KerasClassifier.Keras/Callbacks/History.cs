namespace KerasClassifier.Keras.Callbacks;

/// <summary>Records each epoch's logs; <c>Fit</c> returns it, as in Keras.</summary>
public sealed class History : Callback
{
    private readonly Dictionary<string, List<double>> values = new(StringComparer.Ordinal);
    private readonly List<int> epochs = [];

    /// <summary>Gets the 0-based indices of the recorded epochs.</summary>
    public IReadOnlyList<int> Epochs => epochs;

    /// <summary>Gets each metric's values, one per recorded epoch (Keras's <c>history.history</c>).</summary>
    public IReadOnlyDictionary<string, List<double>> Values => values;

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        epochs.Add(epoch);
        foreach (var (key, value) in logs)
        {
            if (!values.TryGetValue(key, out var list))
            {
                list = [];
                values[key] = list;
            }

            list.Add(value);
        }
    }
}
