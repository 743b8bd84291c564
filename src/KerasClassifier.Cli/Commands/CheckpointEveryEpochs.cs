using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Cli.Commands;

/// <summary>Passes the epoch ends of every <c>interval</c>-th epoch to a <see cref="ModelCheckpoint"/>, for <c>--checkpoint-every</c>.</summary>
internal sealed class CheckpointEveryEpochs : Callback
{
    private readonly ModelCheckpoint checkpoint;
    private readonly int interval;

    public CheckpointEveryEpochs(ModelCheckpoint checkpoint, int interval)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, 1);
        this.checkpoint = checkpoint;
        this.interval = interval;
    }

    /// <inheritdoc/>
    public override void SetModel(Model model)
    {
        base.SetModel(model);
        checkpoint.SetModel(model);
    }

    /// <inheritdoc/>
    public override void SetParams(IReadOnlyDictionary<string, object?> parameters)
    {
        base.SetParams(parameters);
        checkpoint.SetParams(parameters);
    }

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs) => checkpoint.OnEpochBegin(epoch, logs);

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if ((epoch + 1) % interval == 0)
        {
            checkpoint.OnEpochEnd(epoch, logs);
        }
    }
}
