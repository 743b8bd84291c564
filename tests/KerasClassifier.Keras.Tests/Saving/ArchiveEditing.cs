using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace KerasClassifier.Keras.Tests.Saving;

/// <summary>Rewrites members of a saved <c>.keras</c> archive to make damaged or foreign files.</summary>
internal static class ArchiveEditing
{
    /// <summary>Copies an archive, replacing or dropping members: the edit returns the new content, or null to drop the member.</summary>
    public static void Rewrite(string source, string target, Func<string, byte[], byte[]?> edit)
    {
        var members = new List<(string Name, byte[] Content)>();
        using (var input = ZipFile.OpenRead(source))
        {
            foreach (var entry in input.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                members.Add((entry.FullName, copy.ToArray()));
            }
        }

        using var output = ZipFile.Open(target, ZipArchiveMode.Create);
        foreach (var (name, content) in members)
        {
            var edited = edit(name, content);
            if (edited is null)
            {
                continue;
            }

            using var stream = output.CreateEntry(name, CompressionLevel.NoCompression).Open();
            stream.Write(edited);
        }
    }

    /// <summary>Copies an archive with its config.json changed by <paramref name="edit"/>.</summary>
    public static void EditConfig(string source, string target, Action<JsonObject> edit) =>
        Rewrite(source, target, (name, content) =>
        {
            if (name != "config.json")
            {
                return content;
            }

            var config = JsonNode.Parse(content)!.AsObject();
            edit(config);
            return Encoding.UTF8.GetBytes(config.ToJsonString());
        });

    /// <summary>Returns the layer entries of a Sequential config.json.</summary>
    public static JsonArray Layers(JsonObject config) => config["config"]!["layers"]!.AsArray();
}
