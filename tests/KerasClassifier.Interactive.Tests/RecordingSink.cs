namespace KerasClassifier.Interactive.Tests;

/// <summary>Records what <see cref="LiveTrainingDisplay"/> draws.</summary>
internal sealed class RecordingSink : ITrainingDisplaySink
{
    public int Shows { get; private set; }

    public List<string> Frames { get; } = [];

    public void Show(string html)
    {
        Shows++;
        Frames.Add(html);
    }

    public void Update(string html) => Frames.Add(html);
}
