using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Tests.Testing;
using KerasClassifier.Keras.Training;

namespace KerasClassifier.Keras.Tests.Callbacks;

public class BackupAndRestoreTests
{
    private static Sequential SeededModel()
    {
        KerasBackend.SetRandomSeed(11);
        var model = new Sequential([
            new InputLayer([8, 8, 3]),
            new RandomFlip("horizontal", seed: 5),
            new Conv2D(4, 3, padding: "same"),
            new BatchNormalization(),
            new ReLU(),
            new GlobalAveragePooling2D(),
            new Dropout(0.3),
            new Dense(2, activation: "softmax"),
        ]);
        model.Compile(new Adam(0.01), new SparseCategoricalCrossentropy(), ["accuracy"]);
        return model;
    }

    private static float[][] Weights(Model model) => model.Weights.Select(v => v.GetValue()).ToArray();

    [Fact]
    public void Killed_run_resumes_to_same_weights()
    {
        using var folder = new TempDirectory();
        var (x, y) = ToyData.Separable(24, 1);
        var validation = ToyData.Separable(8, 2);

        var uninterrupted = SeededModel();
        uninterrupted.Fit(x, y, batchSize: 4, epochs: 6, validationData: validation, seed: 3);

        var first = SeededModel();
        var backup = Path.Combine(folder.Path, "backup");
        Assert.Throws<InvalidOperationException>(() =>
            first.Fit(x, y, batchSize: 4, epochs: 6, validationData: validation, seed: 3, callbacks: [new BackupAndRestore(backup), new FailAtEpochBegin(3)]));
        Assert.True(BackupAndRestore.HasBackup(backup));

        var second = SeededModel();
        var restore = new BackupAndRestore(backup);
        var recorder = new RecordingCallback();
        second.Fit(x, y, batchSize: 4, epochs: 6, validationData: validation, seed: 3, callbacks: [restore, recorder]);

        Assert.Equal(3, restore.RestoredEpochs);
        Assert.Equal([3, 4, 5], recorder.EpochsEnded);
        var expected = Weights(uninterrupted);
        var actual = Weights(second);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }

        Assert.False(Directory.Exists(backup));
    }

    [Fact]
    public void Restores_callback_state()
    {
        using var folder = new TempDirectory();
        var (x, y) = ToyData.Separable(8, 1);
        var backup = Path.Combine(folder.Path, "backup");

        // With mode max on a falling loss, no stop can come before epoch 5, after the simulated crash.
        var uninterruptedStopping = new EarlyStopping(monitor: "loss", mode: "max", patience: 4);
        var uninterruptedRecorder = new RecordingCallback();
        SeededModel().Fit(x, y, batchSize: 4, epochs: 12, seed: 3, callbacks: [uninterruptedStopping, uninterruptedRecorder]);

        Assert.Throws<InvalidOperationException>(() =>
            SeededModel().Fit(x, y, batchSize: 4, epochs: 12, seed: 3, callbacks: [new BackupAndRestore(backup), new EarlyStopping(monitor: "loss", mode: "max", patience: 4), new FailAtEpochBegin(3)]));
        var resumedStopping = new EarlyStopping(monitor: "loss", mode: "max", patience: 4);
        var resumedRecorder = new RecordingCallback();
        SeededModel().Fit(x, y, batchSize: 4, epochs: 12, seed: 3, callbacks: [new BackupAndRestore(backup), resumedStopping, resumedRecorder]);

        Assert.Equal(uninterruptedStopping.StoppedEpoch, resumedStopping.StoppedEpoch);
        Assert.Equal(uninterruptedStopping.Best, resumedStopping.Best);
        Assert.Equal(uninterruptedRecorder.EpochsEnded.Where(e => e >= 3), resumedRecorder.EpochsEnded);
        Assert.Equal(Assert.Single(uninterruptedRecorder.Stops).Reason, Assert.Single(resumedRecorder.Stops).Reason);
    }

    [Fact]
    public void Cancelled_run_keeps_backup()
    {
        using var folder = new TempDirectory();
        var (x, y) = ToyData.Separable(8, 1);
        var backup = Path.Combine(folder.Path, "backup");
        using var cancellation = new CancellationTokenSource();

        SeededModel().Fit(x, y, batchSize: 4, epochs: 5, callbacks: [new BackupAndRestore(backup), new CancelAfterEpoch(cancellation, 1)], cancellationToken: cancellation.Token);

        Assert.True(BackupAndRestore.HasBackup(backup));
        Assert.Single(Directory.GetFiles(backup, "*.weights.h5"));
        Assert.EndsWith("epoch-0002.weights.h5", Directory.GetFiles(backup, "*.weights.h5")[0]);
    }

    [Fact]
    public void Finished_run_keeps_backup_when_asked()
    {
        using var folder = new TempDirectory();
        var (x, y) = ToyData.Separable(8, 1);
        var backup = Path.Combine(folder.Path, "backup");

        SeededModel().Fit(x, y, batchSize: 4, epochs: 2, callbacks: [new BackupAndRestore(backup, deleteCheckpoint: false)]);

        Assert.True(BackupAndRestore.HasBackup(backup));
    }

    [Fact]
    public void Missing_weights_file_explained()
    {
        using var folder = new TempDirectory();
        var backup = Path.Combine(folder.Path, "backup");
        Directory.CreateDirectory(backup);
        File.WriteAllText(Path.Combine(backup, BackupAndRestore.MetadataFileName), """{"epoch": 2, "weights": "epoch-0002.weights.h5"}""");
        var (x, y) = ToyData.Separable(8, 1);

        var error = Assert.Throws<InvalidDataException>(() => SeededModel().Fit(x, y, batchSize: 4, epochs: 3, callbacks: [new BackupAndRestore(backup)]));

        Assert.Contains("'epoch-0002.weights.h5', which is missing", error.Message);
        Assert.Contains("delete", error.Message);
    }

    [Fact]
    public void Batch_frequency_not_supported()
    {
        var error = Assert.Throws<NotSupportedException>(() => new BackupAndRestore("backup", saveFreq: "100"));

        Assert.Contains("saveFreq '100'", error.Message);
    }

    private sealed class FailAtEpochBegin(int epochIndex) : Callback
    {
        public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs)
        {
            if (epoch == epochIndex)
            {
                throw new InvalidOperationException("simulated crash");
            }
        }
    }

    private sealed class CancelAfterEpoch(CancellationTokenSource source, int epochIndex) : Callback
    {
        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
        {
            if (epoch == epochIndex)
            {
                source.Cancel();
            }
        }
    }
}
