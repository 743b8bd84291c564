using System.Collections.Concurrent;

namespace KerasClassifier.Keras.Data;

/// <summary>
/// Recycles the pixel arrays of decoded images and batches, so that a pass over image files keeps
/// the buffers it has in flight instead of leaving a new large array per image and per batch.
/// </summary>
/// <remarks>
/// Arrays above 85,000 bytes live on the large-object heap, which only full collections free: without
/// reuse, a pass at 224 pixels left hundreds of MiB of dead arrays between collections. The pool
/// keeps its arrays through weak references, so a full collection still frees the ones not rented
/// again, and the pool keeps no memory alive after training ends. Arrays have the exact requested length,
/// because images and batches check their pixel counts.
/// </remarks>
internal static class PixelBufferPool
{
    // Enough for a batch of 32 pending images, the decoding workers' queue and a few prefetched batches.
    private const int MaxArraysPerLength = 64;

    private static readonly ConcurrentDictionary<long, ConcurrentBag<WeakReference<float[]>>> Free = new();

    /// <summary>Returns an array of exactly <paramref name="length"/> values. Its contents are undefined.</summary>
    public static float[] Rent(long length)
    {
        if (Free.TryGetValue(length, out var arrays))
        {
            while (arrays.TryTake(out var reference))
            {
                if (reference.TryGetTarget(out var array))
                {
                    return array;
                }
            }
        }

        return new float[length];
    }

    /// <summary>Hands an array back for reuse. The caller must not use it afterwards.</summary>
    public static void Return(float[] array)
    {
        var arrays = Free.GetOrAdd(array.LongLength, _ => []);
        if (arrays.Count < MaxArraysPerLength)
        {
            arrays.Add(new WeakReference<float[]>(array));
        }
    }
}
