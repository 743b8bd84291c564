using System.Text;
using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Callbacks.TensorBoardFormat;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Callbacks;

public class TensorBoardTests
{
    [Fact]
    public void Crc32c_matches_standard_check_values()
    {
        // Check value of the CRC catalogue and the 32-zero-byte vector of RFC 3720, appendix B.4.
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(EventFileReader.MaskedCrc("abc"u8), Crc32C.Masked("abc"u8));
    }

    [Fact]
    public void Writes_epoch_scalars_per_folder()
    {
        using var folder = new TempDirectory();
        using var board = new TensorBoard(folder.Path);
        var harness = new CallbackHarness(board);
        harness.Begin();

        harness.Epoch(0, ("loss", 0.5), ("accuracy", 0.25), ("val_loss", 0.75), ("val_accuracy", 0.125), ("learning_rate", 0.001));
        harness.Epoch(1, ("loss", 0.4), ("accuracy", 0.5), ("val_loss", 0.7), ("val_accuracy", 0.25), ("learning_rate", 0.001));
        harness.End();

        var train = EventFileReader.Read(board.TrainEventFile!);
        var validation = EventFileReader.Read(board.ValidationEventFile!);
        Assert.Equal(Path.Combine(folder.Path, "train"), Path.GetDirectoryName(board.TrainEventFile));
        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(board.TrainEventFile));
        Assert.Equal("brain.Event:2", train[0].FileVersion);
        Assert.Equal("brain.Event:2", validation[0].FileVersion);
        Assert.Equal([0L, 1L], train.Skip(1).Select(e => e.Step));
        Assert.Equal([("epoch_loss", 0.5f), ("epoch_accuracy", 0.25f), ("epoch_learning_rate", 0.001f)], train[1].Scalars);
        Assert.Equal([("epoch_loss", 0.7f), ("epoch_accuracy", 0.25f)], validation[2].Scalars);
        Assert.All(train, e => Assert.True(e.WallTime > 1e9));
    }

    [Fact]
    public void Batch_frequency_writes_running_values()
    {
        using var folder = new TempDirectory();
        using var board = new TensorBoard(folder.Path, updateFreq: "2");
        var harness = new CallbackHarness(board);
        harness.Begin();

        for (var batch = 0; batch < 5; batch++)
        {
            harness.Callbacks.OnTrainBatchEnd(batch, new Dictionary<string, double> { ["loss"] = batch });
        }

        harness.End();

        var events = EventFileReader.Read(board.TrainEventFile!).Skip(1).ToList();
        Assert.Equal([2L, 4L], events.Select(e => e.Step));
        Assert.Equal(("batch_loss", 1f), events[0].Scalars.Single());
        Assert.True(board.WantsBatchLogs);
    }

    [Theory]
    [InlineData("weekly")]
    [InlineData("0")]
    [InlineData("-5")]
    public void Invalid_update_freq_rejected(string updateFreq)
    {
        var error = Assert.Throws<ArgumentException>(() => new TensorBoard(updateFreq: updateFreq));

        Assert.Equal("updateFreq", error.ParamName);
        Assert.Contains("expected epoch, batch or a positive number", error.Message);
    }
}
