using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Cli.Rendering;
using KerasClassifier.Cli.Reports;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Optimizers.Schedules;

namespace KerasClassifier.Cli.Commands;

/// <summary>
/// Builds the callbacks of one <c>fit</c> run from its options and wires their events to the console:
/// epoch lines, progress (a live bar in a terminal, heartbeat lines otherwise), the history CSV, and
/// the optional early stopping, plateau, schedule and TensorBoard callbacks.
/// </summary>
internal sealed class FitCallbacks : IDisposable
{
    /// <summary>The history file's name inside the output folder.</summary>
    public const string HistoryFileName = "history.csv";

    private readonly List<Callback> callbacks = [];
    private readonly List<IDisposable> owned = [];

    private FitCallbacks(ConsoleTrainingReporter reporter, string historyPath)
    {
        Reporter = reporter;
        HistoryPath = historyPath;
    }

    /// <summary>Gets the callbacks in call order.</summary>
    public IReadOnlyList<Callback> All => callbacks;

    /// <summary>Gets the reporter that prints stop reasons, warnings and the final metrics.</summary>
    public ConsoleTrainingReporter Reporter { get; }

    /// <summary>Gets the history CSV path.</summary>
    public string HistoryPath { get; }

    /// <summary>Creates the callbacks.</summary>
    /// <param name="settings">The run's options.</param>
    /// <param name="console">Where output goes.</param>
    /// <param name="terminal">Whether a live bar can be drawn.</param>
    /// <param name="timeProvider">The clock for progress timing.</param>
    /// <param name="learningRate">The rate the schedule starts from: the optimizer's, or the fine-tuning rate after frozen epochs.</param>
    /// <param name="backupDir">The folder of the epoch backups that let a killed run resume.</param>
    /// <param name="initialEpoch">The 0-based epoch training starts at: the saved run's epoch count with <c>--resume</c>, else 0.</param>
    public static FitCallbacks Create(
        FitSettings settings, TrainingConsole console, TerminalInfo terminal, TimeProvider timeProvider, double learningRate, string backupDir, int initialEpoch = 0)
    {
        var reporter = new ConsoleTrainingReporter(console);
        var result = new FitCallbacks(reporter, Path.Combine(settings.Output, HistoryFileName));
        var resuming = BackupAndRestore.HasBackup(backupDir);
        var continuing = resuming || settings.Resume is not null;

        // The backup restores weights and counters first; it writes each epoch's backup after every other callback has run.
        var backup = new BackupAndRestore(backupDir);
        backup.Restored += reporter.OnCallbackEvent;
        result.callbacks.Add(backup);

        // Learning-rate and stopping callbacks first, so the epoch's reporting sees their decisions.
        if (ScheduleByEpoch(settings, learningRate, initialEpoch) is { } schedule)
        {
            var scheduler = new LearningRateScheduler((epoch, _) => schedule(epoch));
            scheduler.LearningRateChanged += reporter.OnCallbackEvent;
            result.callbacks.Add(scheduler);
        }

        if (settings.PlateauPatience is { } plateauPatience)
        {
            var plateau = new ReduceLROnPlateau(monitor: "val_loss", patience: plateauPatience);
            plateau.LearningRateReduced += reporter.OnCallbackEvent;
            result.callbacks.Add(plateau);
        }

        if (settings.EarlyStoppingPatience is { } stoppingPatience)
        {
            var stopping = new EarlyStopping(monitor: "val_loss", patience: stoppingPatience, restoreBestWeights: true);
            stopping.BestWeightsRestored += reporter.OnCallbackEvent;
            result.callbacks.Add(stopping);
        }

        // The best model by validation accuracy is kept beside the last one, as a user would pick it.
        // A resumed run must beat the best.keras already in the folder, not replace it with its first epoch.
        var bestPath = Path.Combine(settings.Output, FitCommand.BestModelFileName);
        var bestSoFar = settings.Resume is not null && File.Exists(bestPath) ? ReadBestValidationAccuracy(result.HistoryPath, initialEpoch) : null;
        var best = new ModelCheckpoint(bestPath, monitor: "val_accuracy", saveBestOnly: true, initialValueThreshold: bestSoFar);
        best.Saved += reporter.OnCallbackEvent;
        result.callbacks.Add(best);

        if (settings.CheckpointEvery is { } interval)
        {
            var checkpoint = new ModelCheckpoint(Path.Combine(settings.Output, "checkpoints", "epoch-{epoch:02d}.keras"));
            checkpoint.Saved += reporter.OnCallbackEvent;
            result.callbacks.Add(new CheckpointEveryEpochs(checkpoint, interval));
        }

        result.AddProgress(console, terminal, timeProvider);
        var lines = new EpochLineCallback();
        lines.Line += reporter.OnEpochLine;
        result.callbacks.Add(lines);
        // A continued run keeps the rows of the epochs before it, so the history and the curves cover the whole run.
        result.callbacks.Add(new CSVLogger(result.HistoryPath, append: continuing));
        if (settings.TensorBoardDir is { } logDir)
        {
            var board = new TensorBoard(logDir, timeProvider: timeProvider);
            result.owned.Add(board);
            result.callbacks.Add(board);
        }

        result.callbacks.Add(reporter);
        return result;
    }

    /// <summary>Maps a 0-based epoch index of the model to the rate <c>--schedule</c> gives it, or returns null without a schedule.</summary>
    /// <param name="settings">The run's options.</param>
    /// <param name="learningRate">The rate the schedule starts from.</param>
    /// <param name="initialEpoch">The epochs the model had trained before this run.</param>
    /// <remarks>
    /// The schedule spans the epochs that train the whole model in this run: it starts after a resumed
    /// model's saved epochs and after the frozen-backbone phase, whose head has its own optimizer.
    /// </remarks>
    internal static Func<int, double>? ScheduleByEpoch(FitSettings settings, double learningRate, int initialEpoch)
    {
        var start = initialEpoch + settings.FreezeEpochs;
        var schedule = CreateSchedule(settings, learningRate, settings.Epochs - settings.FreezeEpochs);
        return schedule is null ? null : epoch => schedule.Call(Math.Max(0, epoch - start));
    }

    /// <summary>Creates the schedule that <c>--schedule</c> names, starting from <paramref name="learningRate"/>, or null without one.</summary>
    /// <exception cref="UsageException">The name is unknown.</exception>
    /// <param name="settings">The run's options.</param>
    /// <param name="learningRate">The rate the schedule starts from (after its warm-up, for cosine).</param>
    /// <param name="epochs">The epochs the schedule spans.</param>
    internal static LearningRateSchedule? CreateSchedule(FitSettings settings, double learningRate, int epochs)
    {
        switch (settings.Schedule)
        {
            case null:
                return null;
            case "step":
                return new ExponentialDecay(learningRate, decaySteps: Math.Max(1, epochs / 4), decayRate: 0.5, staircase: true);
            case "exponential":
                return new ExponentialDecay(learningRate, decaySteps: Math.Max(1, epochs - 1), decayRate: 0.01);
            case "cosine":
                var warmup = epochs > 1 ? Math.Max(1, (int)Math.Round(epochs * 0.1)) : 0;
                return warmup == 0
                    ? new CosineDecay(learningRate, decaySteps: epochs)
                    : new CosineDecay(learningRate * 0.1, decaySteps: epochs - warmup, warmupTarget: learningRate, warmupSteps: warmup);
            default:
                throw new UsageException($"invalid value '{settings.Schedule}' for --schedule; expected one of step, exponential, cosine.");
        }
    }

    /// <summary>Returns the best <c>val_accuracy</c> of the epochs before <paramref name="initialEpoch"/> in a history CSV, or null without one.</summary>
    /// <exception cref="InvalidDataException">The file is not a history CSV.</exception>
    internal static double? ReadBestValidationAccuracy(string historyPath, int initialEpoch)
    {
        if (!File.Exists(historyPath))
        {
            return null;
        }

        var history = TrainingHistory.ReadCsv(historyPath);
        if (!history.Values.TryGetValue("val_accuracy", out var accuracies))
        {
            return null;
        }

        // TrainingHistory numbers epochs from 1, so epoch e here is the 0-based epoch e - 1.
        var earlier = accuracies.Where((value, i) => history.Epochs[i] <= initialEpoch && double.IsFinite(value)).ToList();
        return earlier.Count == 0 ? null : earlier.Max();
    }

    /// <inheritdoc/>
    public void Dispose() => owned.ForEach(o => o.Dispose());

    private void AddProgress(TrainingConsole console, TerminalInfo terminal, TimeProvider timeProvider)
    {
        // Only the live bar shows running metrics; plain mode needs step counts alone, which cost nothing.
        var progress = new ProgressCallback(includeMetrics: terminal.IsInteractive, timeProvider: timeProvider);
        if (terminal.IsInteractive)
        {
            progress.Progress += new LiveProgressRenderer(console, timeProvider, terminal.Width).OnProgress;
        }
        else
        {
            var heartbeat = new PlainHeartbeat(console, timeProvider);
            owned.Add(heartbeat);
            progress.Progress += heartbeat.OnProgress;
        }

        callbacks.Add(progress);
    }
}
