using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Data;

public class GroceryDataTests
{
    [Fact]
    public void Grocery_TrainFolderClasses()
    {
        var train = Dataset.FromDirectory(SharedData.Path("grocery/train"), seed: 1);

        Assert.Equal(81, train.ClassNames.Count);
        Assert.Equal(2640, train.FilePaths.Count);
        Assert.Equal(train.ClassNames.Order(StringComparer.Ordinal), train.ClassNames);
        Assert.Contains("Fruit/Apple/Golden-Delicious", train.ClassNames);
        Assert.Contains("Fruit/Avocado", train.ClassNames);
        Assert.Equal(Enumerable.Range(0, 81), train.Labels.Distinct().Order());
    }

    [Fact]
    public void Grocery_ValWithTrainClasses()
    {
        var train = Dataset.FromDirectory(SharedData.Path("grocery/train"), seed: 1);
        var val = Dataset.FromDirectory(SharedData.Path("grocery/val"), classNames: train.ClassNames, shuffle: false);

        Assert.Equal(296, val.FilePaths.Count);
        Assert.Equal(train.ClassNames, val.ClassNames);
        Assert.True(val.Labels.Distinct().Count() < 81);

        // The same class folder gets the same id in both splits.
        for (int i = 0; i < val.FilePaths.Count; i++)
        {
            string folder = Path.GetRelativePath(SharedData.Path("grocery/val"), Path.GetDirectoryName(val.FilePaths[i])!);
            Assert.Equal(folder.Replace(Path.DirectorySeparatorChar, '/'), val.ClassNames[val.Labels[i]]);
        }
    }

    [Fact]
    public void Grocery_ListFileEntries()
    {
        var list = Dataset.FromListFile(SharedData.Path("grocery/train.txt"));

        Assert.Equal(2640, list.FilePaths.Count);
        Assert.Equal(81, list.ClassNames.Count);
        Assert.Equal(80, list.Labels.Max());
    }

    [Fact]
    public void Grocery_DecodesOneBatch()
    {
        var train = Dataset.FromDirectory(SharedData.Path("grocery/train"), imageSize: (64, 64), seed: 1);

        ImageBatch batch = train.Take(1).Single();

        Assert.Equal(32, batch.Count);
        Assert.Equal(32 * 64 * 64 * 3, batch.Images.Length);
        Assert.All(batch.Images, v => Assert.InRange(v, 0f, 255f));
        Assert.True(batch.Images.Average() > 20, "a batch of photos should not be nearly black");
        Assert.Equal(0, train.SkippedCount);
    }
}
