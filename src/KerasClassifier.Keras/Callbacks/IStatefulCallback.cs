using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// A callback whose counters and best values survive a resumed run: <see cref="BackupAndRestore"/>
/// stores <see cref="GetState"/> with each backup and passes it to <see cref="SetState"/> on restart.
/// </summary>
public interface IStatefulCallback
{
    /// <summary>Copies the callback's state into a JSON object.</summary>
    /// <returns>The state; only JSON numbers, strings, booleans, nulls, arrays and objects.</returns>
    JsonObject GetState();

    /// <summary>Restores a state returned by <see cref="GetState"/>; called after <c>OnTrainBegin</c>, before the first epoch of the resumed run.</summary>
    /// <param name="state">The state.</param>
    /// <exception cref="ArgumentException">The state belongs to a differently configured callback.</exception>
    void SetState(JsonObject state);
}
