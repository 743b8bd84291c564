using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;
using KerasClassifier.Keras.Tests.Testing;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Tests.Backend;

public class TensorLayoutTests
{
    // Strides of a (2, 3, 4, 5) NCHW-indexed tensor whose memory is NHWC: channels vary fastest.
    private static readonly long[] ChannelsLastStrides = [4 * 5 * 3, 1, 5 * 3, 3];

    [Fact]
    public void FromChannelsLast_views_nhwc_memory_on_cpu()
    {
        using var scope = NewDisposeScope();
        var nhwc = arange(2 * 4 * 5 * 3, ScalarType.Float32).reshape(2, 4, 5, 3);

        var backend = TensorLayout.FromChannelsLast(nhwc);

        Assert.Equal(new long[] { 2, 3, 4, 5 }, backend.shape);
        Assert.Equal(ChannelsLastStrides, backend.stride());
        Assert.Equal(nhwc.storage<float>().data_ptr(), backend.storage<float>().data_ptr());
        Assert.Equal(nhwc[1, 2, 3, 0].item<float>(), backend[1, 0, 2, 3].item<float>());
    }

    [Fact]
    public void ToChannelsLast_round_trips_without_copy()
    {
        using var scope = NewDisposeScope();
        var nhwc = arange(2 * 4 * 5 * 3, ScalarType.Float32).reshape(2, 4, 5, 3);

        var back = TensorLayout.ToChannelsLast(TensorLayout.FromChannelsLast(nhwc));

        Assert.True(back.is_contiguous());
        Assert.Equal(nhwc.storage<float>().data_ptr(), back.storage<float>().data_ptr());
        Assert.True(back.eq(nhwc).all().item<bool>());
    }

    [Fact]
    public void WithDeviceMemoryFormat_makes_nchw_tensor_channels_last()
    {
        using var scope = NewDisposeScope();
        var nchw = arange(2 * 3 * 4 * 5, ScalarType.Float32).reshape(2, 3, 4, 5);

        var arranged = TensorLayout.WithDeviceMemoryFormat(nchw);

        Assert.Equal(ChannelsLastStrides, arranged.stride());
        Assert.True(arranged.eq(nchw).all().item<bool>());
    }

    [Fact]
    public void Conv2D_kernel_is_channels_last_and_keeps_keras_values()
    {
        var conv = new Conv2D(4, 3);
        LayerRunner.Run(conv, new NDArray(new float[1 * 5 * 5 * 2], 1, 5, 5, 2));
        var kernel = conv.Weights[0];
        var values = Enumerable.Range(0, 3 * 3 * 2 * 4).Select(v => (float)v).ToArray();

        kernel.SetValue(values);

        // (out, in, kh, kw) = (4, 2, 3, 3) with input channels fastest.
        Assert.Equal(new long[] { 2 * 3 * 3, 1, 3 * 2, 2 }, kernel.Value.stride());
        Assert.Equal(values, kernel.GetValue());
    }

    [Fact]
    public void Fit_keeps_kernels_and_gradients_channels_last()
    {
        KerasBackend.SetRandomSeed(5);
        var (x, y) = ToyData.Separable(32, seed: 2);
        var model = new Sequential([
            new InputLayer([8, 8, 3]),
            new Conv2D(4, 3, padding: "same"),
            new BatchNormalization(),
            new MaxPooling2D(2),
            new GlobalAveragePooling2D(),
            new Dense(2, activation: "softmax"),
        ]);
        model.Compile(new Adam(), new SparseCategoricalCrossentropy());

        model.Fit(x, y, batchSize: 16, epochs: 1, seed: 1);

        var kernel = model.Layers.OfType<Conv2D>().Single().Weights[0].Value;
        long[] expected = [3 * 3 * 3, 1, 3 * 3, 3];
        Assert.Equal(expected, kernel.stride());
        Assert.Equal(expected, kernel.grad!.stride());
    }
}
