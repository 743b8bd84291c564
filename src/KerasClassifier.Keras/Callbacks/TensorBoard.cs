using System.Globalization;
using KerasClassifier.Keras.Callbacks.TensorBoardFormat;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// Writes the epoch logs as scalar summaries that TensorBoard plots, as Keras's <c>TensorBoard</c>
/// callback: training values under <c>logDir/train</c>, validation values under <c>logDir/validation</c>,
/// each named <c>epoch_</c> plus the log key (<c>epoch_loss</c>, <c>epoch_accuracy</c>,
/// <c>epoch_learning_rate</c>) at step = 0-based epoch.
/// </summary>
/// <remarks>
/// Only scalars are written: Keras's graph, histogram, image, embedding and profiler outputs are not.
/// Each Fit call starts a new event file in each folder, and TensorBoard merges the files of a
/// folder, so a resumed run continues the curves.
/// </remarks>
/// <example>
/// <code>
/// model.Fit(train, epochs: 20, validationData: val, callbacks: [new TensorBoard("logs/run1")]);
/// // then: tensorboard --logdir logs
/// </code>
/// </example>
public sealed class TensorBoard : Callback, IDisposable
{
    private readonly TimeProvider timeProvider;
    private EventFileWriter? trainWriter;
    private EventFileWriter? validationWriter;
    private long trainBatches;

    /// <summary>Initializes a new instance of the <see cref="TensorBoard"/> class.</summary>
    /// <param name="logDir">The folder for the event files (default <c>logs</c>).</param>
    /// <param name="updateFreq">
    /// <c>epoch</c> (default) writes once per epoch; <c>batch</c> also writes the running training
    /// metrics after every step as <c>batch_</c> scalars at the global step; an integer such as
    /// <c>100</c> does so every that many steps.
    /// </param>
    /// <param name="timeProvider">The clock for the events' wall times; null for the system clock.</param>
    /// <exception cref="ArgumentException"><paramref name="updateFreq"/> is none of the accepted forms.</exception>
    public TensorBoard(string logDir = "logs", string updateFreq = "epoch", TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logDir);
        ArgumentNullException.ThrowIfNull(updateFreq);
        BatchInterval = updateFreq switch
        {
            "epoch" => 0,
            "batch" => 1,
            _ when int.TryParse(updateFreq, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => n,
            _ => throw new ArgumentException($"Invalid updateFreq '{updateFreq}' for TensorBoard; expected epoch, batch or a positive number of steps.", nameof(updateFreq)),
        };
        LogDir = logDir;
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the folder of the event files.</summary>
    public string LogDir { get; }

    /// <summary>Gets the steps between batch-level writes, or 0 for epoch-level writes only.</summary>
    public int BatchInterval { get; }

    /// <summary>Gets the event file of the training scalars, once training started.</summary>
    public string? TrainEventFile { get; private set; }

    /// <summary>Gets the event file of the validation scalars, once a validation value was written.</summary>
    public string? ValidationEventFile { get; private set; }

    /// <inheritdoc/>
    public override bool WantsBatchLogs => BatchInterval > 0;

    /// <inheritdoc/>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        Dispose();
        trainWriter = new EventFileWriter(Path.Combine(LogDir, "train"), timeProvider);
        TrainEventFile = trainWriter.Path;
        ValidationEventFile = null;
        trainBatches = 0;
    }

    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        trainBatches++;
        if (BatchInterval == 0 || trainWriter is null || trainBatches % BatchInterval != 0)
        {
            return;
        }

        trainWriter.WriteScalars(trainBatches, logs.Select(p => KeyValuePair.Create("batch_" + p.Key, p.Value)));
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (trainWriter is null)
        {
            trainWriter = new EventFileWriter(Path.Combine(LogDir, "train"), timeProvider);
            TrainEventFile = trainWriter.Path;
        }

        var train = logs.Where(p => !p.Key.StartsWith("val_", StringComparison.Ordinal))
            .Select(p => KeyValuePair.Create("epoch_" + p.Key, p.Value))
            .ToList();
        var validation = logs.Where(p => p.Key.StartsWith("val_", StringComparison.Ordinal))
            .Select(p => KeyValuePair.Create("epoch_" + p.Key[4..], p.Value))
            .ToList();

        trainWriter.WriteScalars(epoch, train);
        trainWriter.Flush();
        if (validation.Count > 0)
        {
            if (validationWriter is null)
            {
                validationWriter = new EventFileWriter(Path.Combine(LogDir, "validation"), timeProvider);
                ValidationEventFile = validationWriter.Path;
            }

            validationWriter.WriteScalars(epoch, validation);
            validationWriter.Flush();
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs) => Dispose();

    /// <summary>Closes the event files; a later Fit call opens new ones.</summary>
    public void Dispose()
    {
        trainWriter?.Dispose();
        validationWriter?.Dispose();
        trainWriter = null;
        validationWriter = null;
    }
}
