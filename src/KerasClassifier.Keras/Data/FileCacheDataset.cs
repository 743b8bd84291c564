using System.Text;

namespace KerasClassifier.Keras.Data;

/// <summary>
/// Writes the elements of the first complete pass to a file and reads them from that file on later
/// passes, including in later runs of the program, as <c>tf.data.Dataset.cache(filename)</c> does.
/// </summary>
/// <remarks>
/// The file is written beside its final path under a temporary name and renamed only when a pass
/// completes, so an interrupted pass leaves no partial cache. An existing file is used as it is: delete
/// it when the input data or the pipeline before the cache changes.
/// </remarks>
internal sealed class FileCacheDataset<T>(Dataset<T> input, string filePath, ICacheSerializer<T> serializer) : Dataset<T>
{
    private const string Magic = "KerasClassifier.DatasetCache";
    private const int FormatVersion = 1;
    private const long EndMarker = 0x454E44434143484BL;

    public override long Cardinality => input.Cardinality;

    public override IEnumerator<T> GetEnumerator() =>
        File.Exists(filePath) ? ReadCache() : WriteCache();

    private IEnumerator<T> ReadCache()
    {
        using FileStream stream = File.OpenRead(filePath);
        using var reader = new BinaryReader(stream, Encoding.UTF8);

        long count = ReadHeader(reader);
        for (long i = 0; i < count; i++)
        {
            T item;
            try
            {
                item = serializer.Read(reader);
            }
            catch (EndOfStreamException exception)
            {
                throw Truncated(exception);
            }

            yield return item;
        }

        if (stream.Length - stream.Position < sizeof(long) || reader.ReadInt64() != EndMarker)
        {
            throw Truncated(null);
        }
    }

    private long ReadHeader(BinaryReader reader)
    {
        try
        {
            string magic = reader.ReadString();
            int version = reader.ReadInt32();
            string typeName = reader.ReadString();
            long count = reader.ReadInt64();
            if (magic != Magic || version != FormatVersion)
            {
                throw new InvalidDataException(
                    $"'{filePath}' is not a dataset cache file of format version {FormatVersion}; delete it or choose another cache path.");
            }

            if (typeName != serializer.TypeName)
            {
                throw new InvalidDataException(
                    $"Cache file '{filePath}' holds {typeName} elements but this dataset yields {serializer.TypeName}; delete it or choose another cache path.");
            }

            return count;
        }
        catch (EndOfStreamException exception)
        {
            throw Truncated(exception);
        }
    }

    private InvalidDataException Truncated(Exception? inner) => new(
        $"Cache file '{filePath}' is truncated; delete it so the next pass rebuilds it.", inner);

    private IEnumerator<T> WriteCache()
    {
        string fullPath = Path.GetFullPath(filePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        string temporary = $"{fullPath}.tmp-{Guid.NewGuid():N}";
        bool completed = false;

        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(serializer.TypeName);
                long countPosition = stream.Position;
                writer.Write(0L);

                long count = 0;
                foreach (T item in input)
                {
                    serializer.Write(writer, item);
                    count++;

                    yield return item;
                }

                writer.Write(EndMarker);
                stream.Position = countPosition;
                writer.Write(count);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
            completed = true;
        }
        finally
        {
            // A pass that stopped early or failed leaves no cache behind.
            if (!completed && File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
