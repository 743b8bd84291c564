namespace KerasClassifier.Keras.Training;

/// <summary>
/// Applies the step-count rules to a batch source, in one place for <c>Fit</c> and <c>Evaluate</c>.
/// </summary>
/// <remarks>
/// An endless source needs a step count, checked before any step runs. With a step count, training
/// keeps one pass going across epochs, so a repeated dataset continues where the last epoch stopped;
/// a finite source that runs out ends the epoch early with a warning that names the step reached,
/// and the next epoch starts a new pass. Validation starts a new pass every epoch and never repeats a
/// finite source. Disposing the iterator ends a pass still open, which stops a prefetching dataset's
/// threads.
/// </remarks>
internal sealed class EpochIterator : IDisposable
{
    private readonly IBatchSource source;
    private readonly bool continueAcrossEpochs;
    private IEnumerator<HostBatch>? running;

    /// <summary>Initializes a new instance of the <see cref="EpochIterator"/> class.</summary>
    /// <param name="source">The batches.</param>
    /// <param name="steps">The steps per epoch; null means one full pass.</param>
    /// <param name="stepsArgument">The argument that sets <paramref name="steps"/>, for messages.</param>
    /// <param name="continueAcrossEpochs">Whether a pass carries on into the next epoch (training) or restarts (validation).</param>
    public EpochIterator(IBatchSource source, int? steps, string stepsArgument, bool continueAcrossEpochs)
    {
        if (steps is <= 0)
        {
            throw new ArgumentOutOfRangeException(stepsArgument, steps, $"Invalid {stepsArgument} {steps}; expected a positive integer or null.");
        }

        if (steps is null && source.Cardinality == Cardinality.Infinite)
        {
            throw new ArgumentException(
                $"{Capitalize(source.Description)} repeats forever (Repeat() without a count), so an epoch would never end; pass {stepsArgument} to set how many batches make an epoch.",
                stepsArgument);
        }

        this.source = source;
        this.continueAcrossEpochs = continueAcrossEpochs;
        Steps = steps;
    }

    /// <summary>Gets the requested steps per epoch, or null for one full pass.</summary>
    public int? Steps { get; }

    /// <summary>Gets the steps an epoch is planned to have, or null when the source's size is unknown.</summary>
    public long? PlannedSteps => Steps ?? (source.Cardinality >= 0 ? source.Cardinality : (long?)null);

    /// <summary>Yields the batches of one epoch, reporting a short epoch through <paramref name="warn"/>.</summary>
    /// <param name="epoch">The 0-based epoch index, for messages.</param>
    /// <param name="warn">Receives one-line warnings.</param>
    /// <returns>The epoch's batches.</returns>
    public IEnumerable<HostBatch> Epoch(int epoch, Action<string> warn)
    {
        if (!continueAcrossEpochs || Steps is null)
        {
            running?.Dispose();
            running = null;
        }

        running ??= source.Open();
        var done = 0;
        while (Steps is null || done < Steps)
        {
            if (!running.MoveNext())
            {
                running.Dispose();
                running = null;
                if (Steps is not null)
                {
                    warn(
                        $"{Capitalize(source.Description)} ran out of data after {done} of {Steps} steps in epoch {epoch + 1}; call Repeat() on the dataset or lower the step count so that every epoch gets {Steps} steps.");
                }
                else if (done == 0)
                {
                    warn($"{Capitalize(source.Description)} yielded no batches in epoch {epoch + 1}.");
                }

                yield break;
            }

            done++;
            yield return running.Current;
        }
    }

    /// <summary>
    /// Advances the source past <paramref name="count"/> epochs without training on them, so that a
    /// resumed run draws the batches an uninterrupted run would have drawn.
    /// </summary>
    /// <param name="firstEpoch">The 0-based index of the first skipped epoch, for messages.</param>
    /// <param name="count">The epochs to skip.</param>
    /// <remarks>
    /// Without a step count every epoch is one pass, and a seeded shuffle keys its order on the pass
    /// index, so opening each pass and reading its first batch is enough. With a step count a pass can
    /// span epochs, so every skipped batch is read.
    /// </remarks>
    public void FastForward(int firstEpoch, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (Steps is null)
            {
                running?.Dispose();
                running = source.Open();
                running.MoveNext();
                running.Dispose();
                running = null;
                continue;
            }

            foreach (var unused in Epoch(firstEpoch + i, _ => { }))
            {
            }
        }
    }

    /// <summary>Ends the pass still open, if any.</summary>
    public void Dispose()
    {
        running?.Dispose();
        running = null;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
