using TorchSharp;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Backend;

/// <summary>
/// The backend's activation layout: rank-4 image tensors are indexed as NCHW, the axis order
/// libtorch's operators take, while every public shape is Keras's channels_last NHWC.
/// </summary>
/// <remarks>
/// On the CPU, rank-4 tensors are stored in PyTorch's channels_last memory format: NCHW indices over
/// NHWC memory. libtorch's CPU convolution, batch-norm and pooling kernels run faster on it, so the
/// default SmallCnn at 64x64 trains about 1.3 times and predicts about 1.7 times as fast as with NCHW
/// memory (docs/benchmarks.md). Converting from and to Keras's NHWC also becomes a view without a copy.
/// On other devices rank-4 tensors stay NCHW-contiguous, because the GPU speed of channels_last in
/// float32 was not measured.
/// </remarks>
internal static class TensorLayout
{
    /// <summary>Returns the backend axis of Keras's last (channels) axis for a tensor of the given rank.</summary>
    public static long ChannelAxis(long rank) => rank == 4 ? 1 : rank - 1;

    /// <summary>Maps a Keras (channels_last) axis to the axis of the backend tensor; negative axes count from the end.</summary>
    /// <param name="kerasAxis">The axis as Keras numbers it, batch axis 0.</param>
    /// <param name="rank">The tensor rank, batch axis included.</param>
    /// <returns>The non-negative backend axis.</returns>
    public static long BackendAxis(int kerasAxis, long rank)
    {
        var axis = kerasAxis < 0 ? kerasAxis + rank : kerasAxis;
        if (rank != 4)
        {
            return axis;
        }

        // NHWC axis -> NCHW axis: batch stays, height and width move one right, channels go to 1.
        return axis switch
        {
            0 => 0,
            1 => 2,
            2 => 3,
            _ => 1,
        };
    }

    /// <summary>Converts a channels_last input batch to the backend layout. On the CPU the result is a view of the same memory.</summary>
    public static Tensor FromChannelsLast(Tensor x)
    {
        if (x.dim() != 4)
        {
            return x;
        }

        return x.device.type == DeviceType.CPU ? x.contiguous().permute(0, 3, 1, 2) : x.permute(0, 3, 1, 2).contiguous();
    }

    /// <summary>
    /// Returns the tensor in the memory format its device runs fastest on: channels_last for rank-4
    /// tensors on the CPU, contiguous otherwise. It copies only when the strides differ.
    /// </summary>
    public static Tensor WithDeviceMemoryFormat(Tensor x)
    {
        if (x.dim() != 4 || x.device.type != DeviceType.CPU)
        {
            return x.contiguous();
        }

        return x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
    }

    /// <summary>Converts a backend tensor to channels_last, as users and Keras files see it.</summary>
    public static Tensor ToChannelsLast(Tensor x) => x.dim() == 4 ? x.permute(0, 2, 3, 1).contiguous() : x;
}
