namespace KerasClassifier.Keras.Backend;

/// <summary>The compute device a model runs on.</summary>
public enum DeviceKind
{
    /// <summary>CUDA when a CUDA device and a CUDA build of libtorch are present, otherwise the CPU.</summary>
    Auto,

    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>The first CUDA device.</summary>
    Cuda,
}
