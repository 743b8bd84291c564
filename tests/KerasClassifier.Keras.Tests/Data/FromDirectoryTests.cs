using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Tests.Testing;
using SkiaSharp;

namespace KerasClassifier.Keras.Tests.Data;

public class FromDirectoryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Writes <paramref name="count"/> small JPEGs into <paramref name="folder"/> (relative to the temp root).</summary>
    private void AddImages(string folder, int count, SKColor? color = null)
    {
        for (int i = 0; i < count; i++)
        {
            TestImages.SolidJpeg(_temp.File(Path.Combine(folder, $"img{i:D3}.jpg")), color ?? SKColors.Orange);
        }
    }

    [Fact]
    public void FromDirectory_NestedLeafClassesSorted()
    {
        AddImages("root/b", 2);
        AddImages("root/a/y", 1);
        AddImages("root/a/x", 3);
        AddImages("root/B", 1);
        Directory.CreateDirectory(_temp.File("root/empty/nothing"));

        var dataset = Dataset.FromDirectory(_temp.File("root"), shuffle: false);

        Assert.Equal(["B", "a/x", "a/y", "b"], dataset.ClassNames);
        Assert.Equal([0, 1, 1, 1, 2, 3, 3], dataset.Labels);
        Assert.EndsWith(Path.Combine("a", "x", "img000.jpg"), dataset.FilePaths[1]);
    }

    [Fact]
    public void FromDirectory_BatchesHaveRequestedShape()
    {
        AddImages("root/one", 3, SKColors.Red);
        AddImages("root/two", 2, SKColors.Blue);

        var dataset = Dataset.FromDirectory(_temp.File("root"), imageSize: (12, 10), batchSize: 4, seed: 1);
        var batches = dataset.ToList();

        Assert.Equal(2, dataset.Cardinality);
        Assert.Equal([4, 1], batches.Select(b => b.Count));
        Assert.All(batches, b => Assert.Equal((12, 10, 3), (b.Height, b.Width, b.Channels)));
        Assert.Equal(4 * 12 * 10 * 3, batches[0].Images.Length);

        // A red image (class 0) has a strong red channel, a blue one (class 1) a strong blue channel.
        foreach (ImageBatch batch in batches)
        {
            for (int i = 0; i < batch.Count; i++)
            {
                float red = batch.Images[i * 360];
                float blue = batch.Images[(i * 360) + 2];
                Assert.Equal(batch.Labels[i] == 0, red > blue);
            }
        }
    }

    [Fact]
    public void FromDirectory_SameSeedSameOrder()
    {
        AddImages("root/a", 10);
        AddImages("root/b", 10);

        var first = Dataset.FromDirectoryUnbatched(_temp.File("root"), imageSize: (4, 4), seed: 3);
        var second = Dataset.FromDirectoryUnbatched(_temp.File("root"), imageSize: (4, 4), seed: 3);

        var firstPass = first.Select(e => e.SourcePath).ToList();
        var secondPass = first.Select(e => e.SourcePath).ToList();

        Assert.Equal(firstPass, second.Select(e => e.SourcePath));
        Assert.Equal(secondPass, second.Select(e => e.SourcePath));
        Assert.NotEqual(firstPass, secondPass);
        Assert.Equal(firstPass.Order(), secondPass.Order());
    }

    [Fact]
    public void FromDirectory_ValidationSplitDisjoint()
    {
        AddImages("root/a", 12);
        AddImages("root/b", 9);
        AddImages("root/c", 4);

        var training = Dataset.FromDirectory(_temp.File("root"), validationSplit: 0.2, subset: "training", seed: 42);
        var validation = Dataset.FromDirectory(_temp.File("root"), validationSplit: 0.2, subset: "validation", seed: 42);

        Assert.Equal(20, training.FilePaths.Count);
        Assert.Equal(5, validation.FilePaths.Count);
        Assert.Empty(training.FilePaths.Intersect(validation.FilePaths));
        Assert.Equal(25, training.FilePaths.Union(validation.FilePaths).Count());
        Assert.Equal(training.ClassNames, validation.ClassNames);
    }

    [Fact]
    public void FromDirectory_SplitMatchesSubsets()
    {
        AddImages("root/a", 8);
        AddImages("root/b", 8);

        var (training, validation) = Dataset.FromDirectorySplit(_temp.File("root"), validationSplit: 0.25, seed: 5);
        var trainingOnly = Dataset.FromDirectory(_temp.File("root"), validationSplit: 0.25, subset: "training", seed: 5);

        Assert.Equal(trainingOnly.FilePaths, training.FilePaths);
        Assert.Equal(4, validation.FilePaths.Count);
        Assert.Empty(training.FilePaths.Intersect(validation.FilePaths));
    }

    [Fact]
    public void FromDirectory_ClassNamesSetIds()
    {
        AddImages("val/dog", 1);
        AddImages("val/ant", 1);

        var dataset = Dataset.FromDirectory(_temp.File("val"), classNames: ["cat", "dog", "ant", "bee"], shuffle: false);

        Assert.Equal(["cat", "dog", "ant", "bee"], dataset.ClassNames);
        Assert.Equal([1, 2], dataset.Labels);
    }

    [Fact]
    public void FromDirectory_UnknownFolderNamesClosest()
    {
        AddImages("val/dgo", 1);

        var error = Assert.Throws<ArgumentException>(() =>
            Dataset.FromDirectory(_temp.File("val"), classNames: ["cat", "dog", "ant"]));

        Assert.Equal("classNames", error.ParamName);
        Assert.Contains("'dgo'", error.Message);
        Assert.Contains("closest names: dog", error.Message);
    }

    [Fact]
    public void FromDirectory_MissingFolder()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => Dataset.FromDirectory(_temp.File("absent")));

        Assert.Contains("absent", error.Message);
    }

    [Fact]
    public void FromDirectory_EmptyFolder()
    {
        Directory.CreateDirectory(_temp.File("root"));

        var error = Assert.Throws<ArgumentException>(() => Dataset.FromDirectory(_temp.File("root")));

        Assert.Contains("is empty", error.Message);
    }

    [Fact]
    public void FromDirectory_NoImagesListsExtensions()
    {
        File.WriteAllText(_temp.File("root/a/readme.txt"), "text");

        var error = Assert.Throws<ArgumentException>(() => Dataset.FromDirectory(_temp.File("root")));

        Assert.Contains("No images found", error.Message);
        Assert.Contains(".jpg", error.Message);
        Assert.Contains(".webp", error.Message);
    }

    [Fact]
    public void FromDirectory_ImagesOnlyInRoot()
    {
        AddImages("root", 2);

        var error = Assert.Throws<ArgumentException>(() => Dataset.FromDirectory(_temp.File("root")));

        Assert.Contains("no class folders", error.Message);
    }

    [Fact]
    public void FromDirectory_ValidatesSplitArguments()
    {
        AddImages("root/a", 4);
        string root = _temp.File("root");

        Assert.Equal("seed", Assert.Throws<ArgumentException>(() => Dataset.FromDirectory(root, validationSplit: 0.5, subset: "training")).ParamName);
        Assert.Equal("subset", Assert.Throws<ArgumentException>(() => Dataset.FromDirectory(root, validationSplit: 0.5, seed: 1)).ParamName);
        Assert.Equal("subset", Assert.Throws<ArgumentException>(() => Dataset.FromDirectory(root, subset: "training")).ParamName);
        Assert.Equal("subset", Assert.Throws<ArgumentException>(() => Dataset.FromDirectory(root, validationSplit: 0.5, subset: "both", seed: 1)).ParamName);
        Assert.Equal("subset", Assert.Throws<ArgumentException>(() => Dataset.FromDirectory(root, validationSplit: 0.5, subset: "test", seed: 1)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.FromDirectory(root, validationSplit: 1.0, subset: "training", seed: 1));
        Assert.Equal("batchSize", Assert.Throws<ArgumentException>(() => Dataset.FromDirectory(root, batchSize: null)).ParamName);
        Assert.Throws<NotSupportedException>(() => Dataset.FromDirectory(root, interpolation: "lanczos3"));
        Assert.Equal("interpolation", Assert.Throws<ArgumentException>(() => Dataset.FromDirectory(root, interpolation: "cubic")).ParamName);
        Assert.Throws<NotSupportedException>(() => Dataset.FromDirectory(root, labels: "none"));
    }

    [Fact]
    public void FromDirectory_TinySplitSubsetEmpty()
    {
        AddImages("root/a", 3);

        var error = Assert.Throws<ArgumentException>(() =>
            Dataset.FromDirectory(_temp.File("root"), validationSplit: 0.1, subset: "validation", seed: 1));

        Assert.Contains("validation subset empty", error.Message);
    }

    [Fact]
    public void FromDirectory_SkipsUnreadableImages()
    {
        AddImages("root/a", 3);
        File.WriteAllText(_temp.File("root/a/notes.jpg"), "not an image");
        File.WriteAllBytes(_temp.File("root/b/cut.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0x00]);
        AddImages("root/b", 1);

        var dataset = Dataset.FromDirectoryUnbatched(_temp.File("root"), imageSize: (8, 8), seed: 2);
        var warnings = new List<DatasetWarningEventArgs>();
        dataset.Warning += (_, e) =>
        {
            // Decoding runs on worker threads, so warnings can arrive from two threads at once.
            lock (warnings)
            {
                warnings.Add(e);
            }
        };

        int firstPass = dataset.Count();
        int secondPass = dataset.Count();

        Assert.Equal(4, firstPass);
        Assert.Equal(4, secondPass);
        Assert.Equal(2, dataset.SkippedCount);
        Assert.Equal(2, warnings.Count);
        DatasetWarningEventArgs notes = Assert.Single(warnings, w => w.SourcePath!.EndsWith("notes.jpg", StringComparison.Ordinal));
        Assert.StartsWith("skipped unreadable image ", notes.Message);
        Assert.Contains(notes.SourcePath!, notes.Message);
        Assert.Contains("not a JPEG, PNG, WebP, BMP or GIF", notes.Reason);
        Assert.Contains(dataset.SkippedFiles.Keys, path => path.EndsWith("cut.jpg", StringComparison.Ordinal));
    }

    [Fact]
    public void FromDirectory_CategoricalLabels()
    {
        AddImages("root/a", 2);
        AddImages("root/b", 1);
        AddImages("root/c", 1);

        var dataset = Dataset.FromDirectory(_temp.File("root"), labelMode: "categorical", imageSize: (4, 4), seed: 8);
        ImageBatch batch = dataset.Single();

        Assert.Equal("categorical", batch.LabelMode);
        Assert.Equal(3, batch.NumClasses);
        Assert.NotNull(batch.CategoricalLabels);
        for (int i = 0; i < batch.Count; i++)
        {
            float[] row = batch.CategoricalLabels.AsSpan(i * 3, 3).ToArray();
            Assert.Equal(Enumerable.Range(0, 3).Select(c => c == batch.Labels[i] ? 1f : 0f), row);
        }
    }

    [Fact]
    public void FromDirectory_IntLabelsNoOneHot()
    {
        AddImages("root/a", 1);

        ImageBatch batch = Dataset.FromDirectory(_temp.File("root"), imageSize: (4, 4)).Single();

        Assert.Equal("int", batch.LabelMode);
        Assert.Null(batch.CategoricalLabels);
    }

    [Fact]
    public void FromDirectory_BinaryNeedsTwoClasses()
    {
        AddImages("root/a", 1);
        AddImages("root/b", 1);
        AddImages("root/c", 1);

        var error = Assert.Throws<ArgumentException>(() => Dataset.FromDirectory(_temp.File("root"), labelMode: "binary"));

        Assert.Contains("found 3", error.Message);
    }

    [Fact]
    public void FromDirectory_CropToAspectRatio()
    {
        // 60x20: red outer sixths, green centre square.
        using (SKBitmap bitmap = TestImages.Bitmap(60, 20, (x, _) => x is >= 20 and < 40 ? SKColors.Lime : SKColors.Red))
        {
            TestImages.Save(bitmap, _temp.File("root/a/wide.png"), SKEncodedImageFormat.Png);
        }

        var cropped = Dataset.FromDirectory(_temp.File("root"), imageSize: (10, 10), cropToAspectRatio: true).Single();
        var stretched = Dataset.FromDirectory(_temp.File("root"), imageSize: (10, 10)).Single();

        Assert.All(Enumerable.Range(0, 100), i => Assert.True(cropped.Images[(i * 3) + 1] > 200 && cropped.Images[i * 3] < 60));
        Assert.True(stretched.Images[0] > 200, "the stretched image keeps the red left edge");
    }

    [Fact]
    public void FromDirectory_ParallelMatchesSequential()
    {
        for (int i = 0; i < 12; i++)
        {
            TestImages.SolidJpeg(_temp.File($"root/{(i % 2 == 0 ? "even" : "odd")}/{i:D2}.jpg"), new SKColor((byte)(20 * i), 80, 200));
        }

        var sequential = Dataset.FromDirectory(_temp.File("root"), imageSize: (8, 8), batchSize: 5, seed: 4, numParallelCalls: 1).ToList();
        var parallel = Dataset.FromDirectory(_temp.File("root"), imageSize: (8, 8), batchSize: 5, seed: 4, numParallelCalls: 3).ToList();

        Assert.Equal(sequential.Select(b => b.SourcePaths), parallel.Select(b => b.SourcePaths));
        Assert.Equal(sequential.Select(b => b.Images), parallel.Select(b => b.Images));
    }

    [Fact]
    public void FromDirectory_ExtensionCaseIgnored()
    {
        TestImages.SolidJpeg(_temp.File("root/a/photo.JPG"), SKColors.Red);
        TestImages.SolidJpeg(_temp.File("root/a/.hidden.jpg"), SKColors.Red);
        File.WriteAllText(_temp.File("root/a/notes.txt"), "text");

        var dataset = Dataset.FromDirectory(_temp.File("root"));

        Assert.EndsWith("photo.JPG", Assert.Single(dataset.FilePaths));
    }
}
