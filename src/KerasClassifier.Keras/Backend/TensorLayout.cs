using static TorchSharp.torch;

namespace KerasClassifier.Keras.Backend;

/// <summary>
/// The backend's activation layout: rank-4 image tensors are computed as NCHW, the layout libtorch's
/// CPU kernels prefer, while every public shape is Keras's channels_last NHWC.
/// </summary>
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

    /// <summary>Converts a channels_last input batch to the backend layout.</summary>
    public static Tensor FromChannelsLast(Tensor x) => x.dim() == 4 ? x.permute(0, 3, 1, 2).contiguous() : x;

    /// <summary>Converts a backend tensor to channels_last, as users and Keras files see it.</summary>
    public static Tensor ToChannelsLast(Tensor x) => x.dim() == 4 ? x.permute(0, 2, 3, 1).contiguous() : x;
}
