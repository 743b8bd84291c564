namespace KerasClassifier.Keras.Saving.Serialization;

/// <summary>
/// Collects the warnings raised while objects are created from configs, for the load call that
/// opened the scope. <c>FromConfig</c> methods keep Keras's one-argument signature, so the scope
/// travels with the call flow instead of as an argument.
/// </summary>
internal sealed class DeserializationScope : IDisposable
{
    private static readonly AsyncLocal<DeserializationScope?> CurrentScope = new();
    private readonly DeserializationScope? previous;
    private readonly List<string> warnings = [];

    /// <summary>Initializes a new instance of the <see cref="DeserializationScope"/> class and makes it current.</summary>
    public DeserializationScope()
    {
        previous = CurrentScope.Value;
        CurrentScope.Value = this;
    }

    /// <summary>Gets the warnings raised so far, in order, each once.</summary>
    public IReadOnlyList<string> Warnings => warnings;

    /// <summary>Adds a warning to the current scope; without a scope the warning is dropped.</summary>
    /// <param name="message">One line: what was ignored or changed, and its effect.</param>
    public static void Warn(string message)
    {
        var scope = CurrentScope.Value;
        if (scope is not null && !scope.warnings.Contains(message))
        {
            scope.warnings.Add(message);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => CurrentScope.Value = previous;
}
