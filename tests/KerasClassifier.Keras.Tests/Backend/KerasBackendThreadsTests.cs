using KerasClassifier.Keras.Backend;

namespace KerasClassifier.Keras.Tests.Backend;

public class KerasBackendThreadsTests
{
    [Fact]
    public void Threads_sets_libtorch_intra_op_threads()
    {
        var before = KerasBackend.Threads;
        try
        {
            KerasBackend.Threads = 1;

            Assert.Equal(1, KerasBackend.Threads);
            Assert.Equal(1, TorchSharp.torch.get_num_threads());
        }
        finally
        {
            KerasBackend.Threads = before;
        }
    }

    [Fact]
    public void Threads_rejects_zero()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KerasBackend.Threads = 0);

        Assert.Equal("value", error.ParamName);
        Assert.Contains("Invalid thread count 0", error.Message);
    }
}
