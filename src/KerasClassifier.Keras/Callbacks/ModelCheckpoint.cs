using System.Globalization;
using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// Saves the model or its weights during training, as Keras's <c>ModelCheckpoint</c>: after every
/// epoch, every given number of steps, or only when a monitored metric improves.
/// </summary>
/// <remarks>
/// The path may contain placeholders filled from the epoch logs with Python's format specifications,
/// such as <c>{epoch:02d}</c> (1-based) and <c>{val_accuracy:.4f}</c>; see <see cref="FilePathTemplate"/>.
/// Each write is atomic. With <see cref="SaveBestOnly"/> a missing monitored key raises instead of
/// warning and saving anyway (see <see cref="MonitorCallback"/>).
/// </remarks>
/// <example>
/// <code>
/// var checkpoint = new ModelCheckpoint("ckpt/{epoch:02d}-{val_accuracy:.4f}.keras", monitor: "val_accuracy", saveBestOnly: true);
/// checkpoint.Saved += (_, e) => Console.Error.WriteLine(e.Message);
/// model.Fit(train, epochs: 20, validationData: val, callbacks: [checkpoint]);
/// </code>
/// </example>
public sealed class ModelCheckpoint : MonitorCallback
{
    private readonly FilePathTemplate template;
    private int currentEpoch;
    private long batchesSinceSave;

    /// <summary>Initializes a new instance of the <see cref="ModelCheckpoint"/> class.</summary>
    /// <param name="filepath">The path template: ending in <c>.keras</c> or <c>.h5</c> for the whole model, in <c>.weights.h5</c> with <paramref name="saveWeightsOnly"/>.</param>
    /// <param name="monitor">The log key compared with <paramref name="saveBestOnly"/> (default <c>val_loss</c>).</param>
    /// <param name="saveBestOnly">Whether to save only when the monitored value improves on the best so far (default false).</param>
    /// <param name="saveWeightsOnly">Whether to save only the weights, through <c>SaveWeights</c> (default false).</param>
    /// <param name="mode"><c>auto</c> (default), <c>min</c> or <c>max</c>.</param>
    /// <param name="saveFreq"><c>epoch</c> (default) to save at each epoch end, or a positive number of training steps as text, such as <c>500</c>.</param>
    /// <param name="initialValueThreshold">A value the monitored metric must beat for the first best-only save; null (default) for none.</param>
    /// <exception cref="ArgumentException">The extension does not match <paramref name="saveWeightsOnly"/>, the template is invalid, or <paramref name="saveFreq"/> is neither form.</exception>
    public ModelCheckpoint(
        string filepath,
        string monitor = "val_loss",
        bool saveBestOnly = false,
        bool saveWeightsOnly = false,
        string mode = "auto",
        string saveFreq = "epoch",
        double? initialValueThreshold = null)
        : base(monitor, mode, minDelta: 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filepath);
        ArgumentNullException.ThrowIfNull(saveFreq);
        if (saveWeightsOnly && !filepath.EndsWith(".weights.h5", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Invalid filepath '{filepath}' for ModelCheckpoint with saveWeightsOnly: expected a name ending in '.weights.h5'.", nameof(filepath));
        }

        if (!saveWeightsOnly && !filepath.EndsWith(".keras", StringComparison.OrdinalIgnoreCase) && !filepath.EndsWith(".h5", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Invalid filepath '{filepath}' for ModelCheckpoint: expected a name ending in '.keras' (or '.h5' for the legacy format).", nameof(filepath));
        }

        StepInterval = saveFreq switch
        {
            "epoch" => 0,
            _ when int.TryParse(saveFreq, NumberStyles.None, CultureInfo.InvariantCulture, out var steps) && steps > 0 => steps,
            _ => throw new ArgumentException($"Invalid saveFreq '{saveFreq}' for ModelCheckpoint; expected epoch or a positive number of steps.", nameof(saveFreq)),
        };

        if (initialValueThreshold is { } threshold && !double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(initialValueThreshold), threshold, "Invalid initialValueThreshold for ModelCheckpoint; expected a finite number or null.");
        }

        template = new FilePathTemplate(filepath);
        Filepath = filepath;
        SaveBestOnly = saveBestOnly;
        SaveWeightsOnly = saveWeightsOnly;
        Best = initialValueThreshold;
    }

    /// <summary>Raised after each file written.</summary>
    public event EventHandler<CheckpointSavedEventArgs>? Saved;

    /// <summary>Raised when a best-only save is skipped because the metric did not improve.</summary>
    public event EventHandler<CheckpointSkippedEventArgs>? Skipped;

    /// <summary>Gets the path template.</summary>
    public string Filepath { get; }

    /// <summary>Gets a value indicating whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>Gets a value indicating whether only the weights are saved.</summary>
    public bool SaveWeightsOnly { get; }

    /// <summary>Gets the steps between saves, or 0 to save at epoch ends.</summary>
    public int StepInterval { get; }

    /// <summary>Gets the last file written, or null before the first save.</summary>
    public string? LastSavedPath { get; private set; }

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs) => currentEpoch = epoch;

    /// <inheritdoc/>
    public override bool WantsBatchLogs => StepInterval > 0 && SaveBestOnly;

    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        if (StepInterval == 0)
        {
            return;
        }

        batchesSinceSave++;
        if (batchesSinceSave >= StepInterval)
        {
            batchesSinceSave = 0;
            SaveIfWanted(currentEpoch, batch, logs);
        }
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (StepInterval == 0)
        {
            SaveIfWanted(epoch, null, logs);
        }
    }

    /// <inheritdoc/>
    public override JsonObject GetState()
    {
        var state = base.GetState();
        state["batches_since_save"] = batchesSinceSave;
        return state;
    }

    /// <inheritdoc/>
    public override void SetState(JsonObject state)
    {
        base.SetState(state);
        batchesSinceSave = state["batches_since_save"]?.GetValue<long>() ?? 0;
    }

    private void SaveIfWanted(int epoch, int? batch, IReadOnlyDictionary<string, double> logs)
    {
        var path = template.Format(epoch + 1, logs, batch + 1);
        if (!SaveBestOnly)
        {
            Write(path);
            Saved?.Invoke(this, new CheckpointSavedEventArgs(epoch, path, null, null, null));
            return;
        }

        var current = ReadMonitor(logs);
        if (!IsImprovement(current, Best))
        {
            Skipped?.Invoke(this, new CheckpointSkippedEventArgs(epoch, Monitor, Best, current));
            return;
        }

        // Keras starts the best value at inf (or -inf when higher is better), and its message shows it.
        var previous = Best ?? (Maximizes == true ? double.NegativeInfinity : double.PositiveInfinity);
        Best = current;
        Write(path);
        Saved?.Invoke(this, new CheckpointSavedEventArgs(epoch, path, Monitor, previous, current));
    }

    private void Write(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"ModelCheckpoint cannot write '{path}': it is an existing folder; pass a file path such as '{Path.Combine(path, "model.keras")}'.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        if (SaveWeightsOnly)
        {
            Model!.SaveWeights(path);
        }
        else
        {
            Model!.Save(path);
        }

        LastSavedPath = path;
    }
}
