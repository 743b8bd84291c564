using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace KerasClassifier.Keras.Data;

/// <summary>
/// Produces elements on a background thread into a bounded buffer, so that producing the next
/// elements overlaps with consuming the current one.
/// </summary>
internal sealed class PrefetchDataset<T>(Dataset<T> input, int bufferSize) : Dataset<T>
{
    public override long Cardinality => input.Cardinality;

    public override IEnumerator<T> GetEnumerator() => new Enumerator(input, bufferSize);

    /// <summary>
    /// One pass: the producer thread blocks once <c>bufferSize</c> elements wait in the buffer, so it is
    /// at most <c>bufferSize + 1</c> elements ahead of the consumer (the extra one is in its hand).
    /// </summary>
    private sealed class Enumerator : IEnumerator<T>
    {
        private readonly BlockingCollection<T> _buffer;
        private readonly CancellationTokenSource _cancellation = new();
        private readonly Thread _producer;
        private readonly IEnumerator<T> _source;
        private ExceptionDispatchInfo? _error;
        private T _current = default!;
        private bool _disposed;

        public Enumerator(Dataset<T> input, int bufferSize)
        {
            _buffer = new BlockingCollection<T>(bufferSize);
            _source = input.GetEnumerator();
            _producer = new Thread(Produce) { IsBackground = true, Name = "Dataset.Prefetch producer" };
            _producer.Start();
        }

        public T Current => _current;

        object? System.Collections.IEnumerator.Current => _current;

        public bool MoveNext()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            if (_buffer.TryTake(out T? item, Timeout.Infinite))
            {
                _current = item;

                return true;
            }

            // The buffer is empty and complete: the input ended or failed.
            _error?.Throw();

            return false;
        }

        public void Reset() => throw new NotSupportedException("A dataset pass cannot be reset; enumerate the dataset again to start a new pass.");

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _cancellation.Cancel();
            _producer.Join();
            _source.Dispose();
            _buffer.Dispose();
            _cancellation.Dispose();
        }

        private void Produce()
        {
            try
            {
                while (!_cancellation.IsCancellationRequested && _source.MoveNext())
                {
                    _buffer.Add(_source.Current, _cancellation.Token);
                }
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                // The consumer stopped early; nothing to report.
            }
            catch (Exception exception)
            {
                _error = ExceptionDispatchInfo.Capture(exception);
            }
            finally
            {
                _buffer.CompleteAdding();
            }
        }
    }
}
