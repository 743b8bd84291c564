using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Saving.KerasV3;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Saving;

public class AtomicSaveTests
{
    [Theory]
    [InlineData("metadata.json")]
    [InlineData("config.json")]
    [InlineData("model.weights.h5")]
    public void FailureMidSave_KeepsOldFile(string failAfter)
    {
        using var folder = new TempDirectory();
        var path = folder.File("model.keras");
        var model = SavingTestModels.Compiled(SavingTestModels.SmallPoolingNet());
        model.Save(path);
        var before = File.ReadAllBytes(path);
        model.EpochsCompleted = 5;

        KerasArchiveWriter.AfterMemberWritten.Value = member =>
        {
            if (member == failAfter)
            {
                throw new IOException("Simulated disk failure.");
            }
        };
        try
        {
            var error = Assert.Throws<IOException>(() => model.Save(path));
            Assert.Equal("Simulated disk failure.", error.Message);
        }
        finally
        {
            KerasArchiveWriter.AfterMemberWritten.Value = null;
        }

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.keras"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        Assert.Equal(0, KerasModels.LoadModel(path).EpochsCompleted);
    }

    [Fact]
    public void WriterThrowing_LeavesTargetAndNoTemporaryFile()
    {
        using var folder = new TempDirectory();
        var path = folder.File("data.bin");
        File.WriteAllBytes(path, [1, 2, 3]);

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[4096]);
            throw new InvalidOperationException("Stop half-way.");
        }));

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void SuccessfulWrite_ReplacesTarget()
    {
        using var folder = new TempDirectory();
        var path = folder.File("data.bin");
        File.WriteAllBytes(path, [1, 2, 3]);

        AtomicFile.Write(path, stream => stream.Write([9, 8]));

        Assert.Equal([9, 8], File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void MissingFolder_Throws()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "missing", "model.keras");
        var model = SavingTestModels.SmallPoolingNet();

        var error = Assert.Throws<DirectoryNotFoundException>(() => model.Save(path));

        Assert.Equal($"Cannot save '{path}': folder '{Path.Combine(folder.Path, "missing")}' does not exist.", error.Message);
    }
}
