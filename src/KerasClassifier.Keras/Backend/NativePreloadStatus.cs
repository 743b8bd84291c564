namespace KerasClassifier.Keras.Backend;

/// <summary>What <see cref="LibTorchSharpPreloader"/> did before TorchSharp's first use.</summary>
internal enum NativePreloadStatus
{
    /// <summary>Nothing was loaded, because TorchSharp can load its own copy of libLibTorchSharp.so here.</summary>
    NotNeeded,

    /// <summary>libtorch and a patched copy of libLibTorchSharp.so were loaded.</summary>
    Loaded,

    /// <summary>A patched copy was needed but could not be made or loaded, so TorchSharp's own load will fail.</summary>
    Failed,
}
