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

    /// <summary>Converts a channels_last input batch to the backend layout.</summary>
    public static Tensor FromChannelsLast(Tensor x) => x.dim() == 4 ? x.permute(0, 3, 1, 2).contiguous() : x;

    /// <summary>Converts a backend tensor to channels_last, as users and Keras files see it.</summary>
    public static Tensor ToChannelsLast(Tensor x) => x.dim() == 4 ? x.permute(0, 2, 3, 1).contiguous() : x;
}
