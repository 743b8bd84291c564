using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Tests.Testing;
using SkiaSharp;

namespace KerasClassifier.Keras.Tests.Data;

public class FromListFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public FromListFileTests()
    {
        TestImages.SolidJpeg(_temp.File("images/a.jpg"), SKColors.Red);
        TestImages.SolidJpeg(_temp.File("images/b.jpg"), SKColors.Green);
        TestImages.SolidJpeg(_temp.File("images/c.jpg"), SKColors.Blue);
    }

    public void Dispose() => _temp.Dispose();

    private string WriteList(string name, params string[] lines)
    {
        string path = _temp.File(name);
        File.WriteAllLines(path, lines);

        return path;
    }

    [Fact]
    public void FromListFile_ReadsEntries()
    {
        string list = WriteList(
            "list.txt",
            "# path, fine, coarse",
            "images/a.jpg, 0, 9",
            "",
            "  images/b.jpg ,2",
            "images/c.jpg, 1, 7, extra");

        var dataset = Dataset.FromListFile(list, shuffle: false, imageSize: (4, 4));

        Assert.Equal(3, dataset.FilePaths.Count);
        Assert.Equal([0, 2, 1], dataset.Labels);
        Assert.Equal(["0", "1", "2"], dataset.ClassNames);
        Assert.Equal(Path.Combine(_temp.Path, "images", "b.jpg"), dataset.FilePaths[1]);
        Assert.Equal([0, 2, 1], dataset.Single().Labels);
    }

    [Fact]
    public void FromListFile_RootOverridesFolder()
    {
        string list = WriteList("lists/list.txt", "a.jpg, 0", "c.jpg, 1");

        var dataset = Dataset.FromListFile(list, root: _temp.File("images"), classNames: ["red", "blue"]);

        Assert.Equal(2, dataset.FilePaths.Count);
        Assert.Equal(["red", "blue"], dataset.ClassNames);
    }

    [Fact]
    public void FromListFile_LabelOutOfRange()
    {
        string list = WriteList("list.txt", "images/a.jpg, 0", "# comment", "images/b.jpg, 5");

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromListFile(list, numClasses: 3));

        Assert.Contains(list, error.Message);
        Assert.Contains("line 3", error.Message);
        Assert.Contains("label 5", error.Message);
        Assert.Contains("0 to 2", error.Message);
    }

    [Fact]
    public void FromListFile_MissingImage()
    {
        string list = WriteList("list.txt", "images/a.jpg, 0", "images/zzz.jpg, 1");

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromListFile(list));

        Assert.Contains("line 2", error.Message);
        Assert.Contains("images/zzz.jpg", error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void FromListFile_BadLabel()
    {
        string list = WriteList("list.txt", "images/a.jpg, first");

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromListFile(list));

        Assert.Contains("line 1", error.Message);
        Assert.Contains("'first'", error.Message);
    }

    [Fact]
    public void FromListFile_MissingLabelColumn()
    {
        string list = WriteList("list.txt", "images/a.jpg");

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromListFile(list));

        Assert.Contains("expected 'path, label'", error.Message);
    }

    [Fact]
    public void FromListFile_NoEntries()
    {
        string list = WriteList("list.txt", "# nothing here", "");

        Assert.Throws<InvalidDataException>(() => Dataset.FromListFile(list));
    }

    [Fact]
    public void FromListFile_MissingListFile()
    {
        Assert.Throws<FileNotFoundException>(() => Dataset.FromListFile(_temp.File("absent.txt")));
    }

    [Fact]
    public void FromListFile_ClassNamesConflict()
    {
        string list = WriteList("list.txt", "images/a.jpg, 0");

        var error = Assert.Throws<ArgumentException>(() => Dataset.FromListFile(list, numClasses: 3, classNames: ["x", "y"]));

        Assert.Equal("classNames", error.ParamName);
    }
}
