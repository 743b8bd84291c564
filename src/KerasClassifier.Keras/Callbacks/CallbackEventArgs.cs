namespace KerasClassifier.Keras.Callbacks;

/// <summary>The base of the events callbacks raise, with a one-line description for people.</summary>
/// <remarks>Front ends may print <see cref="Message"/> as it is or build their own text from the typed properties.</remarks>
public abstract class CallbackEventArgs : EventArgs
{
    /// <summary>Gets a one-line description, with 1-based epoch numbers.</summary>
    public abstract string Message { get; }
}
