namespace KerasClassifier.Interactive;

/// <summary>The place <see cref="LiveTrainingDisplay"/> draws its HTML: a notebook cell output, or a recorder in tests.</summary>
internal interface ITrainingDisplaySink
{
    /// <summary>Shows a new display with the given HTML.</summary>
    void Show(string html);

    /// <summary>Replaces the content of the display that <see cref="Show"/> created.</summary>
    void Update(string html);
}
