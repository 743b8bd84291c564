using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Tests.Testing;
using SkiaSharp;

namespace KerasClassifier.Keras.Tests.Data;

public class DatasetCheckTests
{
    private static string Jpeg(string root, string relative, SKColor color, int size = 40)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        TestImages.SolidJpeg(path, color, size, size);
        return path;
    }

    [Fact]
    public void Finds_duplicates_overlap_tiny_and_missing_classes()
    {
        using var temp = new TempDirectory();
        var train = Path.Combine(temp.Path, "train");
        var val = Path.Combine(temp.Path, "val");
        Jpeg(train, "a/1.jpg", SKColors.Red);
        Jpeg(train, "a/2.jpg", SKColors.Red);
        Jpeg(train, "a/3.jpg", SKColors.Green);
        Jpeg(train, "b/1.jpg", SKColors.Blue);
        Jpeg(train, "b/small.jpg", SKColors.Yellow, size: 8);
        Jpeg(val, "a/1.jpg", SKColors.Green);
        Jpeg(val, "a/2.jpg", SKColors.White);

        var training = Dataset.FromDirectory(train, imageSize: (16, 16));
        var validation = Dataset.FromDirectory(val, imageSize: (16, 16), classNames: training.ClassNames);
        var report = DatasetCheck.Run(training, validation);

        Assert.Equal([3, 2], report.TrainingCounts);
        Assert.Equal([2, 0], report.ValidationCounts!);
        var duplicate = Assert.Single(report.DuplicateGroups);
        Assert.Equal([Path.Combine(train, "a", "1.jpg"), Path.Combine(train, "a", "2.jpg")], duplicate);
        var overlap = Assert.Single(report.Overlap);
        Assert.Equal(Path.Combine(train, "a", "3.jpg"), overlap.Training);
        Assert.Equal(Path.Combine(val, "a", "1.jpg"), overlap.Validation);
        Assert.Equal((8, 8), Assert.Single(report.TinyImages).Value);
        Assert.Equal(["b"], report.MissingFromValidation);
        Assert.True(report.HasProblems);
    }

    [Fact]
    public void Reports_unreadable_files_without_throwing()
    {
        using var temp = new TempDirectory();
        var train = Path.Combine(temp.Path, "train");
        Jpeg(train, "a/good.jpg", SKColors.Red);
        var good = File.ReadAllBytes(Path.Combine(train, "a", "good.jpg"));
        File.WriteAllBytes(Path.Combine(train, "a", "cut.jpg"), good[..(good.Length / 2)]);
        File.WriteAllText(Path.Combine(train, "a", "text.jpg"), "hello");

        var report = DatasetCheck.Run(Dataset.FromDirectory(train, imageSize: (16, 16)), null);

        Assert.Equal(2, report.UnreadableFiles.Count);
        Assert.Contains(Path.Combine(train, "a", "text.jpg"), report.UnreadableFiles.Keys);
        Assert.Contains(Path.Combine(train, "a", "cut.jpg"), report.UnreadableFiles.Keys);
    }

    [Fact]
    public void Suggests_balanced_class_weights()
    {
        var report = new DatasetCheckReport
        {
            ClassNames = ["a", "b", "c"],
            TrainingCounts = [10, 30, 0],
            UnreadableFiles = new Dictionary<string, string>(),
            DuplicateGroups = [],
            TinyImages = new Dictionary<string, (int, int)>(),
            Overlap = [],
            MissingFromValidation = [],
        };

        // total / (present classes * count): 40 / (2 * 10) and 40 / (2 * 30); an empty class gets 0.
        Assert.Equal([2.0, 40.0 / 60, 0], report.SuggestedClassWeights);
        Assert.Equal(3.0, report.ImbalanceRatio);
    }

    [Fact]
    public void Grocery_validation_covers_60_of_81_classes()
    {
        var training = Dataset.FromDirectory(SharedData.Path("grocery/train"), imageSize: (32, 32));
        var validation = Dataset.FromDirectory(SharedData.Path("grocery/val"), imageSize: (32, 32), classNames: training.ClassNames);

        var report = DatasetCheck.Run(training, validation, decode: false);

        Assert.Equal(81, report.ClassNames.Count);
        Assert.Equal(2640, report.TrainingCounts.Sum());
        Assert.Equal(60, report.ValidationCounts!.Count(c => c > 0));
        Assert.Equal(21, report.MissingFromValidation.Count);
        Assert.Empty(report.Overlap);
    }
}
