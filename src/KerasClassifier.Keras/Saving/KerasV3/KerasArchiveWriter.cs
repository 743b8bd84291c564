using System.IO.Compression;
using System.Text;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving.Hdf5;

namespace KerasClassifier.Keras.Saving.KerasV3;

/// <summary>
/// Writes a <c>.keras</c> archive as Keras 3 does: a zip with <c>metadata.json</c>,
/// <c>config.json</c> and <c>model.weights.h5</c>, in that order, stored without compression.
/// </summary>
internal static class KerasArchiveWriter
{
    /// <summary>Called after each member is written, with its name; tests use it to make a save fail part-way.</summary>
    internal static readonly AsyncLocal<Action<string>?> AfterMemberWritten = new();


    /// <summary>Writes the archive atomically.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The target path.</param>
    public static void Write(Model model, string path)
    {
        var savedAt = DateTimeOffset.Now;
        var metadata = Encoding.UTF8.GetBytes(ArchiveMetadata.Create(model.EpochsCompleted, savedAt).ToJsonString());
        var config = Encoding.UTF8.GetBytes(ModelConfig.ToKerasEnvelope(model).ToJsonString());
        var weights = Hdf5Writing.ToBytes(WeightStoreWriter.Build(model, includeOptimizer: true, epochsCompleted: null));

        AtomicFile.Write(path, stream =>
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
            // Keras leaves the JSON members at the zip format's earliest time and stamps the weights with the save time.
            var jsonTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, savedAt.Offset);
            AddMember(archive, KerasFileConstants.MetadataMember, metadata, jsonTime);
            AddMember(archive, KerasFileConstants.ConfigMember, config, jsonTime);
            AddMember(archive, KerasFileConstants.WeightsMember, weights, savedAt);
        });
    }

    private static void AddMember(ZipArchive archive, string name, byte[] content, DateTimeOffset time)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = time;
        using (var output = entry.Open())
        {
            output.Write(content);
        }

        AfterMemberWritten.Value?.Invoke(name);
    }
}
