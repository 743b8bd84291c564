namespace KerasClassifier.Keras.Training;

/// <summary>What one phase of an epoch did: its metrics, steps and timing.</summary>
/// <param name="Phase">Training or testing.</param>
/// <param name="Epoch">The 0-based epoch index.</param>
/// <param name="StepsDone">The steps run.</param>
/// <param name="StepsTotal">The steps planned for the phase; equals <paramref name="StepsDone"/> when the count was not known ahead.</param>
/// <param name="MeanStepSeconds">The mean wall time of one step, in seconds.</param>
/// <param name="Metrics">The phase's metrics without the <c>val_</c> prefix, e.g. <c>loss</c> and <c>accuracy</c>.</param>
/// <param name="LearningRate">The learning rate in force during the phase.</param>
/// <param name="EndTime">When the phase ended, in local time.</param>
public sealed record PhaseSummary(
    TrainingPhase Phase,
    int Epoch,
    long StepsDone,
    long StepsTotal,
    double MeanStepSeconds,
    IReadOnlyDictionary<string, double> Metrics,
    double LearningRate,
    DateTimeOffset EndTime);
