using System.Runtime.InteropServices;

namespace KerasClassifier.Keras.Data;

/// <summary>
/// Cache file serializers for the element types datasets commonly carry.
/// </summary>
internal static class CacheSerializers
{
    /// <summary>
    /// Returns the serializer for <typeparamref name="T"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">No serializer exists for the element type.</exception>
    public static ICacheSerializer<T> For<T>()
    {
        object? serializer = typeof(T) switch
        {
            var type when type == typeof(ImageExample) => new ImageExampleSerializer(),
            var type when type == typeof(ImageBatch) => new ImageBatchSerializer(),
            var type when type == typeof(long) => new PrimitiveSerializer<long>("long", (w, v) => w.Write(v), r => r.ReadInt64()),
            var type when type == typeof(int) => new PrimitiveSerializer<int>("int", (w, v) => w.Write(v), r => r.ReadInt32()),
            var type when type == typeof(float) => new PrimitiveSerializer<float>("float", (w, v) => w.Write(v), r => r.ReadSingle()),
            var type when type == typeof(double) => new PrimitiveSerializer<double>("double", (w, v) => w.Write(v), r => r.ReadDouble()),
            var type when type == typeof(string) => new PrimitiveSerializer<string>("string", (w, v) => w.Write(v), r => r.ReadString()),
            _ => null,
        };

        return serializer as ICacheSerializer<T> ?? throw new NotSupportedException(
            $"Cache(filePath) cannot store elements of type {typeof(T).Name}; use Cache() to keep them in memory, " +
            "or cache before a Map that creates them. File caches store ImageExample, ImageBatch, int, long, float, double and string.");
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static float[] ReadFloats(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        var values = new float[length];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));

        return values;
    }

    private static void WriteNullableString(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string? ReadNullableString(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private sealed class PrimitiveSerializer<T>(string typeName, Action<BinaryWriter, T> write, Func<BinaryReader, T> read)
        : ICacheSerializer<T>
    {
        public string TypeName => typeName;

        public void Write(BinaryWriter writer, T item) => write(writer, item);

        public T Read(BinaryReader reader) => read(reader);
    }

    private sealed class ImageExampleSerializer : ICacheSerializer<ImageExample>
    {
        public string TypeName => "ImageExample";

        public void Write(BinaryWriter writer, ImageExample item)
        {
            writer.Write(item.Height);
            writer.Write(item.Width);
            writer.Write(item.Channels);
            writer.Write(item.Label);
            WriteNullableString(writer, item.SourcePath);
            WriteFloats(writer, item.Pixels);
        }

        public ImageExample Read(BinaryReader reader)
        {
            int height = reader.ReadInt32();
            int width = reader.ReadInt32();
            int channels = reader.ReadInt32();
            int label = reader.ReadInt32();
            string? sourcePath = ReadNullableString(reader);

            return new ImageExample(ReadFloats(reader), height, width, channels, label, sourcePath);
        }
    }

    private sealed class ImageBatchSerializer : ICacheSerializer<ImageBatch>
    {
        public string TypeName => "ImageBatch";

        public void Write(BinaryWriter writer, ImageBatch item)
        {
            writer.Write(item.Count);
            writer.Write(item.Height);
            writer.Write(item.Width);
            writer.Write(item.Channels);
            writer.Write(item.LabelMode);
            writer.Write(item.NumClasses);
            foreach (int label in item.Labels)
            {
                writer.Write(label);
            }

            writer.Write(item.SourcePaths is not null);
            if (item.SourcePaths is not null)
            {
                foreach (string? path in item.SourcePaths)
                {
                    WriteNullableString(writer, path);
                }
            }

            WriteFloats(writer, item.Images);
        }

        public ImageBatch Read(BinaryReader reader)
        {
            int count = reader.ReadInt32();
            int height = reader.ReadInt32();
            int width = reader.ReadInt32();
            int channels = reader.ReadInt32();
            string labelMode = reader.ReadString();
            int numClasses = reader.ReadInt32();
            var labels = new int[count];
            for (int i = 0; i < count; i++)
            {
                labels[i] = reader.ReadInt32();
            }

            string?[]? paths = null;
            if (reader.ReadBoolean())
            {
                paths = new string?[count];
                for (int i = 0; i < count; i++)
                {
                    paths[i] = ReadNullableString(reader);
                }
            }

            float[] images = ReadFloats(reader);

            return new ImageBatch(images, labels, count, height, width, channels, paths, labelMode, numClasses);
        }
    }
}
