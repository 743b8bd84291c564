using System.Runtime.ExceptionServices;

namespace KerasClassifier.Keras.Data;

/// <summary>
/// One pass of a parallel map: worker threads take input elements in turn, apply the function and
/// hand results to the consumer, either in input order or as they finish.
/// </summary>
/// <remarks>
/// Workers run at most <c>maxAhead</c> elements ahead of the consumer (plus one per worker that has
/// already passed the check), so memory stays bounded. An exception from the input or the function is
/// rethrown to the consumer at that element's place in the output.
/// </remarks>
internal sealed class ParallelMapEnumerator<TSource, TResult> : IEnumerator<TResult>
{
    private readonly IEnumerator<TSource> _input;
    private readonly Func<TSource, TResult> _func;
    private readonly bool _deterministic;
    private readonly int _maxAhead;
    private readonly Thread[] _workers;

    // _gate guards the result buffers and counters below; _inputLock serialises reads of _input.
    private readonly object _gate = new();
    private readonly object _inputLock = new();
    private readonly Dictionary<long, Outcome> _ordered = [];
    private readonly Queue<Outcome> _arrivals = new();
    private long _nextToRead;
    private long _yielded;
    private int _finishedWorkers;
    private bool _inputDone;
    private bool _stopped;
    private TResult _current = default!;

    public ParallelMapEnumerator(IEnumerator<TSource> input, Func<TSource, TResult> func, int workers, bool deterministic)
    {
        _input = input;
        _func = func;
        _deterministic = deterministic;
        _maxAhead = 2 * workers;
        _workers = new Thread[workers];

        for (int i = 0; i < workers; i++)
        {
            _workers[i] = new Thread(RunWorker) { IsBackground = true, Name = $"Dataset.Map worker {i}" };
            _workers[i].Start();
        }
    }

    public TResult Current => _current;

    object? System.Collections.IEnumerator.Current => _current;

    public bool MoveNext()
    {
        Outcome outcome;
        lock (_gate)
        {
            while (!TryTakeResult(out outcome))
            {
                if (_finishedWorkers == _workers.Length)
                {
                    return false;
                }

                Monitor.Wait(_gate);
            }

            _yielded++;
            Monitor.PulseAll(_gate);
        }

        if (outcome.Error is not null)
        {
            Dispose();
            outcome.Error.Throw();
        }

        _current = outcome.Value;

        return true;
    }

    public void Reset() => throw new NotSupportedException("A dataset pass cannot be reset; enumerate the dataset again to start a new pass.");

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            Monitor.PulseAll(_gate);
        }

        // Workers finish the element in hand, then exit; only then is the input safe to dispose.
        foreach (Thread worker in _workers)
        {
            if (worker != Thread.CurrentThread)
            {
                worker.Join();
            }
        }

        _input.Dispose();
    }

    private bool TryTakeResult(out Outcome outcome)
    {
        if (_deterministic)
        {
            return _ordered.Remove(_yielded, out outcome);
        }

        return _arrivals.TryDequeue(out outcome);
    }

    private void RunWorker()
    {
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    while (!_stopped && Volatile.Read(ref _nextToRead) - _yielded >= _maxAhead)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (_stopped)
                    {
                        return;
                    }
                }

                if (!TryReadInput(out TSource item, out long sequence, out ExceptionDispatchInfo? inputError))
                {
                    if (inputError is not null)
                    {
                        Store(sequence, new Outcome(default!, inputError));
                    }

                    return;
                }

                Outcome outcome;
                try
                {
                    outcome = new Outcome(_func(item), null);
                }
                catch (Exception exception)
                {
                    outcome = new Outcome(default!, ExceptionDispatchInfo.Capture(exception));
                }

                Store(sequence, outcome);
            }
        }
        finally
        {
            lock (_gate)
            {
                _finishedWorkers++;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private bool TryReadInput(out TSource item, out long sequence, out ExceptionDispatchInfo? error)
    {
        item = default!;
        sequence = -1;
        error = null;

        lock (_inputLock)
        {
            if (_inputDone)
            {
                return false;
            }

            try
            {
                if (!_input.MoveNext())
                {
                    _inputDone = true;

                    return false;
                }

                item = _input.Current;
            }
            catch (Exception exception)
            {
                _inputDone = true;
                sequence = Interlocked.Increment(ref _nextToRead) - 1;
                error = ExceptionDispatchInfo.Capture(exception);

                return false;
            }

            sequence = Interlocked.Increment(ref _nextToRead) - 1;

            return true;
        }
    }

    private void Store(long sequence, Outcome outcome)
    {
        lock (_gate)
        {
            if (_deterministic)
            {
                _ordered[sequence] = outcome;
            }
            else
            {
                _arrivals.Enqueue(outcome);
            }

            Monitor.PulseAll(_gate);
        }
    }

    private readonly record struct Outcome(TResult Value, ExceptionDispatchInfo? Error);
}
