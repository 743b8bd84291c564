using System.Security.Cryptography;
using SkiaSharp;

namespace KerasClassifier.Keras.Data;

/// <summary>
/// Checks a labelled image set before training: class counts and imbalance, unreadable files, exact
/// duplicates, tiny images, files shared between training and validation, and classes missing from
/// validation.
/// </summary>
public static class DatasetCheck
{
    /// <summary>The default tiny-image threshold: a smaller side below this many pixels.</summary>
    public const int DefaultTinySide = 32;

    /// <summary>Runs the check on the files behind two image datasets; nothing is decoded through the pipelines.</summary>
    /// <typeparam name="T">The dataset element type.</typeparam>
    /// <param name="training">The training set (its class names set the ids).</param>
    /// <param name="validation">The validation set, or null.</param>
    /// <param name="decode">Whether to decode every image fully to find unreadable ones (slower); false reads headers only.</param>
    /// <param name="tinySide">Images whose smaller side is below this are reported as tiny.</param>
    /// <returns>The report.</returns>
    public static DatasetCheckReport Run<T>(ImageDataset<T> training, ImageDataset<T>? validation, bool decode = true, int tinySide = DefaultTinySide)
    {
        ArgumentNullException.ThrowIfNull(training);
        var classCount = training.ClassNames.Count;
        var unreadable = new Dictionary<string, string>(StringComparer.Ordinal);
        var tiny = new Dictionary<string, (int, int)>(StringComparer.Ordinal);

        var trainingHashes = Inspect(training.FilePaths, decode, tinySide, unreadable, tiny);
        var validationHashes = validation is null ? null : Inspect(validation.FilePaths, decode, tinySide, unreadable, tiny);

        var duplicates = DuplicateGroups(trainingHashes).Concat(validationHashes is null ? [] : DuplicateGroups(validationHashes)).ToList();
        var overlap = new List<(string, string)>();
        if (validationHashes is not null)
        {
            var byHash = trainingHashes.GroupBy(h => h.Hash).ToDictionary(g => g.Key, g => g.First().Path);
            overlap.AddRange(validationHashes.Where(v => byHash.ContainsKey(v.Hash)).Select(v => (byHash[v.Hash], v.Path)));
        }

        var trainingCounts = Count(training.Labels, classCount);
        var validationCounts = validation is null ? null : Count(validation.Labels, classCount);
        var missing = validationCounts is null
            ? []
            : training.ClassNames.Where((_, id) => trainingCounts[id] > 0 && validationCounts[id] == 0).ToList();

        return new DatasetCheckReport
        {
            ClassNames = training.ClassNames,
            TrainingCounts = trainingCounts,
            ValidationCounts = validationCounts,
            UnreadableFiles = unreadable,
            DuplicateGroups = duplicates,
            TinyImages = tiny,
            Overlap = overlap,
            MissingFromValidation = missing,
        };
    }

    private static int[] Count(IReadOnlyList<int> labels, int classCount)
    {
        var counts = new int[classCount];
        foreach (var label in labels)
        {
            if (label >= 0 && label < classCount)
            {
                counts[label]++;
            }
        }

        return counts;
    }

    private static List<(string Path, string Hash)> Inspect(
        IReadOnlyList<string> paths, bool decode, int tinySide, Dictionary<string, string> unreadable, Dictionary<string, (int, int)> tiny)
    {
        var results = new (string Path, string Hash)[paths.Count];
        var gate = new object();
        Parallel.For(0, paths.Count, i =>
        {
            var path = paths[i];
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (IOException ex)
            {
                lock (gate)
                {
                    unreadable[path] = ex.Message;
                }

                results[i] = (path, string.Empty);
                return;
            }

            results[i] = (path, Convert.ToHexString(SHA256.HashData(bytes)));
            var problem = ReadImage(bytes, decode, out var width, out var height);
            lock (gate)
            {
                if (problem is not null)
                {
                    unreadable[path] = problem;
                }
                else if (Math.Min(width, height) < tinySide)
                {
                    tiny[path] = (width, height);
                }
            }
        });

        return results.Where(r => r.Hash.Length > 0).ToList();
    }

    private static string? ReadImage(byte[] bytes, bool decode, out int width, out int height)
    {
        width = height = 0;
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return "not a decodable image (unknown format or corrupt header)";
        }

        width = codec.Info.Width;
        height = codec.Info.Height;
        if (!decode)
        {
            return null;
        }

        if ((long)width * height > 64L * 1024 * 1024)
        {
            return $"{width}x{height} exceeds the 64-megapixel decoding limit";
        }

        using var bitmap = new SKBitmap(codec.Info.WithColorType(SKColorType.Rgba8888));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        return result is SKCodecResult.Success ? null : $"decoding failed: {result}";
    }

    private static IEnumerable<IReadOnlyList<string>> DuplicateGroups(List<(string Path, string Hash)> hashes) =>
        hashes.GroupBy(h => h.Hash).Where(g => g.Count() > 1).Select(g => (IReadOnlyList<string>)g.Select(h => h.Path).Order(StringComparer.Ordinal).ToList());
}
