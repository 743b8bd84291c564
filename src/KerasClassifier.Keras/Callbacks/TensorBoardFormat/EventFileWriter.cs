using System.Buffers.Binary;

namespace KerasClassifier.Keras.Callbacks.TensorBoardFormat;

/// <summary>
/// Appends TensorFlow <c>Event</c> records to an <c>events.out.tfevents.*</c> file that TensorBoard
/// reads: TFRecord framing (little-endian length, masked CRC-32C of the length, the bytes, masked
/// CRC-32C of the bytes) around hand-encoded protobuf messages.
/// </summary>
/// <remarks>
/// Fields written, from TensorFlow's <c>event.proto</c> and <c>summary.proto</c>: Event.wall_time (1),
/// Event.step (2), Event.file_version (3), Event.summary (5); Summary.value (1); Summary.Value.tag (1)
/// and Summary.Value.simple_value (2). The file is appended to and flushed after each batch of
/// scalars rather than replaced atomically, as TensorFlow's own writer does, because TensorBoard
/// reads event files while they grow and skips an incomplete last record.
/// </remarks>
internal sealed class EventFileWriter : IDisposable
{
    private static int fileCounter;
    private readonly FileStream stream;
    private readonly TimeProvider timeProvider;

    /// <summary>Initializes a new instance of the <see cref="EventFileWriter"/> class: creates a new event file in <paramref name="folder"/> and writes its version record.</summary>
    public EventFileWriter(string folder, TimeProvider timeProvider)
    {
        Directory.CreateDirectory(folder);
        this.timeProvider = timeProvider;
        var now = timeProvider.GetUtcNow();
        var name = $"events.out.tfevents.{now.ToUnixTimeSeconds()}.{Environment.MachineName}.{Environment.ProcessId}.{Interlocked.Increment(ref fileCounter)}.v2";
        Path = System.IO.Path.Combine(folder, name);
        stream = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        WriteRecord(new ProtoWriter().Double(1, WallTime()).String(3, "brain.Event:2").ToArray());
        Flush();
    }

    /// <summary>Gets the event file's path.</summary>
    public string Path { get; }

    /// <summary>Writes one event holding scalar summaries at a step.</summary>
    public void WriteScalars(long step, IEnumerable<KeyValuePair<string, double>> scalars)
    {
        var summary = new ProtoWriter();
        foreach (var (tag, value) in scalars)
        {
            summary.Message(1, new ProtoWriter().String(1, tag).Float(2, (float)value));
        }

        WriteRecord(new ProtoWriter().Double(1, WallTime()).Int64(2, step).Message(5, summary).ToArray());
    }

    /// <summary>Flushes written records to disk.</summary>
    public void Flush() => stream.Flush(flushToDisk: true);

    /// <inheritdoc/>
    public void Dispose() => stream.Dispose();

    private double WallTime() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    private void WriteRecord(byte[] data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Masked(header[..8]));
        stream.Write(header);
        stream.Write(data);
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.Masked(data));
        stream.Write(footer);
    }
}
