using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Cli.Rendering;

/// <summary>
/// Draws training events: one training and one testing line per epoch on the results stream,
/// warnings (each distinct one once) and the stop reason on the diagnostics stream.
/// </summary>
internal sealed class ConsoleTrainingReporter : Callback
{
    private readonly TextWriter results;
    private readonly TextWriter diagnostics;
    private readonly HashSet<string> warned = new(StringComparer.Ordinal);

    public ConsoleTrainingReporter(TextWriter results, TextWriter diagnostics)
    {
        this.results = results;
        this.diagnostics = diagnostics;
    }

    public StopReason? StopReason { get; private set; }

    public override void OnPhaseEnd(PhaseSummary summary)
    {
        results.WriteLine(EpochLineFormatter.Format(summary));
        results.Flush();
    }

    public override void OnWarning(string message)
    {
        if (warned.Add(message))
        {
            diagnostics.WriteLine("warning: " + message);
        }
    }

    public override void OnStop(StopReason reason, string message)
    {
        StopReason = reason;
        diagnostics.WriteLine(message);
    }
}
