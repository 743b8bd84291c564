using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.IO;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// Backs up training at the end of every epoch so that a run killed midway restarts from its last
/// completed epoch when the same code runs again, as Keras's <c>BackupAndRestore</c>.
/// </summary>
/// <remarks>
/// <para>
/// A backup contains the weights with the optimizer state (<c>SaveWeights</c>), the number of completed
/// epochs, the learning rate, the state of every <see cref="IStatefulCallback"/> in the run (such as
/// <see cref="EarlyStopping"/>'s wait counter and best value) and the random generators' state. On
/// restart, <c>Fit</c> loads it, skips the completed epochs and advances the training data past them,
/// so that with a seeded dataset and the same seed a resumed run ends with the same weights as an
/// uninterrupted one on the CPU.
/// </para>
/// <para>
/// The backup is written after every callback has seen the epoch's end. Its weights file is named by
/// epoch and the metadata file, written last and atomically, names it, so a kill during a backup
/// leaves the previous one usable. The folder is deleted when training ends normally; it is kept
/// when training was cancelled or <c>Fit</c> threw, so that the next run resumes. Backing up in the
/// middle of an epoch (Keras's integer <c>save_freq</c>) is not supported.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// // Run this twice, killing the first run midway: the second continues where the first stopped.
/// model.Fit(train, epochs: 30, validationData: val, callbacks: [new BackupAndRestore("backup")]);
/// </code>
/// </example>
public sealed class BackupAndRestore : Callback
{
    /// <summary>The metadata file's name inside the backup folder.</summary>
    public const string MetadataFileName = "training_metadata.json";

    private JsonObject? pendingState;
    private StopReason? stopReason;

    /// <summary>Initializes a new instance of the <see cref="BackupAndRestore"/> class.</summary>
    /// <param name="backupDir">The folder for the backup; it must not be shared with another run.</param>
    /// <param name="saveFreq">When to back up; only <c>epoch</c> (default) is supported.</param>
    /// <param name="deleteCheckpoint">Whether to delete the folder when training ends normally (default true).</param>
    /// <exception cref="ArgumentException"><paramref name="backupDir"/> is empty.</exception>
    /// <exception cref="NotSupportedException"><paramref name="saveFreq"/> is not <c>epoch</c>.</exception>
    public BackupAndRestore(string backupDir, string saveFreq = "epoch", bool deleteCheckpoint = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupDir);
        ArgumentNullException.ThrowIfNull(saveFreq);
        if (saveFreq != "epoch")
        {
            throw new NotSupportedException($"BackupAndRestore saveFreq '{saveFreq}' is not supported; only 'epoch' is, so a resumed run restarts at an epoch boundary.");
        }

        BackupDir = backupDir;
        DeleteCheckpoint = deleteCheckpoint;
    }

    /// <summary>Raised when a run resumes from a backup.</summary>
    public event EventHandler<BackupRestoredEventArgs>? Restored;

    /// <summary>Gets the backup folder.</summary>
    public string BackupDir { get; }

    /// <summary>Gets a value indicating whether the folder is deleted when training ends normally.</summary>
    public bool DeleteCheckpoint { get; }

    /// <summary>Gets the number of epochs the restored backup had completed, or null when this run did not resume.</summary>
    public int? RestoredEpochs { get; private set; }

    /// <summary>Tells whether <paramref name="backupDir"/> holds a backup that a run would resume from.</summary>
    /// <param name="backupDir">The backup folder.</param>
    /// <returns>True when its metadata file exists.</returns>
    public static bool HasBackup(string backupDir) => File.Exists(Path.Combine(backupDir, MetadataFileName));

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">A backup exists but the model is not built or not compiled.</exception>
    /// <exception cref="InvalidDataException">The metadata file is malformed or names a missing weights file.</exception>
    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs)
    {
        pendingState = null;
        stopReason = null;
        RestoredEpochs = null;
        var metadataPath = Path.Combine(BackupDir, MetadataFileName);
        if (!File.Exists(metadataPath))
        {
            return;
        }

        var model = Model!;
        if (!model.Built || !model.Compiled)
        {
            throw new InvalidOperationException(
                $"BackupAndRestore found a backup in '{BackupDir}' but model '{model.Name}' is not built and compiled; build it (give it an InputLayer) and call Compile before Fit.");
        }

        var metadata = ReadMetadata(metadataPath);
        var epochs = metadata["epoch"]?.GetValue<int>() ?? throw new InvalidDataException($"Backup metadata '{metadataPath}' has no 'epoch' entry.");
        var weightsName = metadata["weights"]?.GetValue<string>() ?? throw new InvalidDataException($"Backup metadata '{metadataPath}' has no 'weights' entry.");
        var weightsPath = Path.Combine(BackupDir, weightsName);
        if (!File.Exists(weightsPath))
        {
            throw new InvalidDataException($"Backup metadata '{metadataPath}' names the weights file '{weightsName}', which is missing; delete '{BackupDir}' to start over.");
        }

        model.LoadWeights(weightsPath);
        if (metadata["learning_rate"]?.GetValue<double>() is { } rate)
        {
            model.Optimizer!.LearningRate = rate;
        }

        model.EpochsCompleted = epochs;
        model.ResumeFromEpoch = epochs;
        RestoredEpochs = epochs;
        pendingState = metadata;
        Restored?.Invoke(this, new BackupRestoredEventArgs(epochs, BackupDir));
    }

    /// <inheritdoc/>
    internal override void OnTrainBeginCompleted()
    {
        if (pendingState is null)
        {
            return;
        }

        // Every callback has reset itself in OnTrainBegin by now, so the restored values stay.
        if (pendingState["callbacks"] is JsonArray states)
        {
            RestoreCallbackStates(states);
        }

        if (pendingState["random_state"] is JsonObject randomState)
        {
            RandomGeneratorState.Restore(Model!, randomState);
        }

        pendingState = null;
    }

    /// <inheritdoc/>
    internal override void OnEpochEndCompleted(int epoch)
    {
        var model = Model!;
        Directory.CreateDirectory(BackupDir);
        var weightsName = $"epoch-{(epoch + 1).ToString("D4", CultureInfo.InvariantCulture)}.weights.h5";
        model.SaveWeights(Path.Combine(BackupDir, weightsName));

        var metadata = new JsonObject
        {
            ["epoch"] = epoch + 1,
            ["batch"] = 0,
            ["weights"] = weightsName,
            ["learning_rate"] = model.Optimizer?.LearningRate,
            ["random_state"] = RandomGeneratorState.Capture(model),
            ["callbacks"] = CaptureCallbackStates(),
        };
        AtomicFile.WriteAllText(Path.Combine(BackupDir, MetadataFileName), metadata.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        // Older weights files go only after the metadata names the new one.
        foreach (var old in Directory.EnumerateFiles(BackupDir, "epoch-*.weights.h5").Where(f => Path.GetFileName(f) != weightsName))
        {
            File.Delete(old);
        }
    }

    /// <inheritdoc/>
    public override void OnStop(StopReason reason, string message) => stopReason = reason;

    /// <inheritdoc/>
    public override void OnTrainEnd(IReadOnlyDictionary<string, double> logs)
    {
        if (DeleteCheckpoint && stopReason is not StopReason.Cancelled && Directory.Exists(BackupDir))
        {
            Directory.Delete(BackupDir, recursive: true);
        }
    }

    private static JsonObject ReadMetadata(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"Backup metadata '{path}' is not a JSON object; delete the backup folder to start over.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Backup metadata '{path}' is not valid JSON ({ex.Message}); delete the backup folder to start over.", ex);
        }
    }

    /// <summary>Lists the stateful callbacks of the run with a key that survives a restart: class name and its index among callbacks of that class.</summary>
    private IEnumerable<(string Key, IStatefulCallback Callback)> StatefulPeers()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var peer in Peers.OfType<IStatefulCallback>())
        {
            var name = peer.GetType().Name;
            counts.TryGetValue(name, out var index);
            counts[name] = index + 1;
            yield return ($"{name}_{index}", peer);
        }
    }

    private JsonArray CaptureCallbackStates()
    {
        var states = new JsonArray();
        foreach (var (key, callback) in StatefulPeers())
        {
            states.Add(new JsonObject { ["key"] = key, ["state"] = callback.GetState() });
        }

        return states;
    }

    private void RestoreCallbackStates(JsonArray states)
    {
        var byKey = states.OfType<JsonObject>()
            .Where(s => s["key"] is not null && s["state"] is JsonObject)
            .ToDictionary(s => s["key"]!.GetValue<string>(), s => (JsonObject)s["state"]!, StringComparer.Ordinal);
        foreach (var (key, callback) in StatefulPeers())
        {
            if (byKey.TryGetValue(key, out var state))
            {
                callback.SetState((JsonObject)state.DeepClone());
            }
        }
    }
}
