using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Data.Demo;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Data;

public class DemoDatasetGeneratorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Generate_WritesReadableDataset()
    {
        string output = Path.Combine(_temp.Path, "demo");

        DemoDatasetGenerator.Generate(output, imagesPerClass: 3, seed: 7);
        var dataset = Dataset.FromDirectoryUnbatched(output, imageSize: (32, 32), seed: 1);
        int decoded = dataset.Count();

        Assert.Equal(DemoDatasetGenerator.ClassNames, dataset.ClassNames);
        Assert.Equal(18, decoded);
        Assert.Equal(0, dataset.SkippedCount);
        Assert.Contains("synthetic", File.ReadAllText(Path.Combine(output, "README.txt")), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["demo"], Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Generate_SameSeedSameBytes()
    {
        DemoDatasetGenerator.Generate(Path.Combine(_temp.Path, "a"), imagesPerClass: 2, seed: 3);
        DemoDatasetGenerator.Generate(Path.Combine(_temp.Path, "b"), imagesPerClass: 2, seed: 3);
        DemoDatasetGenerator.Generate(Path.Combine(_temp.Path, "c"), imagesPerClass: 2, seed: 4);

        foreach (string className in DemoDatasetGenerator.ClassNames)
        {
            byte[] a = File.ReadAllBytes(Path.Combine(_temp.Path, "a", className, "0002.jpg"));
            byte[] b = File.ReadAllBytes(Path.Combine(_temp.Path, "b", className, "0002.jpg"));
            byte[] c = File.ReadAllBytes(Path.Combine(_temp.Path, "c", className, "0002.jpg"));
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
        }
    }

    [Fact]
    public void Generate_ImagesVaryWithinClass()
    {
        string output = Path.Combine(_temp.Path, "demo");
        DemoDatasetGenerator.Generate(output, imagesPerClass: 2, seed: 1);

        foreach (string className in DemoDatasetGenerator.ClassNames)
        {
            Assert.NotEqual(
                File.ReadAllBytes(Path.Combine(output, className, "0001.jpg")),
                File.ReadAllBytes(Path.Combine(output, className, "0002.jpg")));
        }
    }

    [Fact]
    public void Generate_RejectsNonEmptyFolder()
    {
        string output = Path.Combine(_temp.Path, "demo");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "keep.txt"), "user file");

        var error = Assert.Throws<IOException>(() => DemoDatasetGenerator.Generate(output, 1, 0));

        Assert.Contains("not empty", error.Message);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Generate_FillsEmptyFolder()
    {
        string output = Path.Combine(_temp.Path, "demo");
        Directory.CreateDirectory(output);

        DemoDatasetGenerator.Generate(output, 1, 0);

        Assert.Equal(7, Directory.GetFileSystemEntries(output).Length);
    }
}
