using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>Records every event it receives.</summary>
internal sealed class RecordingCallback : Callback
{
    public List<string> Warnings { get; } = [];

    public List<PhaseSummary> Phases { get; } = [];

    public List<(StopReason Reason, string Message)> Stops { get; } = [];

    public List<int> EpochsEnded { get; } = [];

    public override void OnWarning(string message) => Warnings.Add(message);

    public override void OnPhaseEnd(PhaseSummary summary) => Phases.Add(summary);

    public override void OnStop(StopReason reason, string message) => Stops.Add((reason, message));

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => EpochsEnded.Add(epoch);
}
