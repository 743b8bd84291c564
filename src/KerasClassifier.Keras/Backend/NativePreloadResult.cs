namespace KerasClassifier.Keras.Backend;

/// <summary>The outcome of <see cref="LibTorchSharpPreloader.Run()"/>, with one line for error messages.</summary>
/// <param name="Status">What was done.</param>
/// <param name="Description">One sentence that names the files involved, or why nothing was needed or what failed.</param>
internal sealed record NativePreloadResult(NativePreloadStatus Status, string Description);
