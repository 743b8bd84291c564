using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Saving;

/// <summary>The outcome of loading a model or weights file: the model, what was restored and the warnings.</summary>
public sealed class LoadResult
{
    internal LoadResult(Model model, KerasFileFormat format, string? kerasVersion, bool compiled, bool optimizerStateRestored, IReadOnlyList<string> warnings)
    {
        Model = model;
        Format = format;
        KerasVersion = kerasVersion;
        Compiled = compiled;
        OptimizerStateRestored = optimizerStateRestored;
        Warnings = warnings;
    }

    /// <summary>Gets the loaded model (for <c>LoadWeights</c>, the model the weights went into).</summary>
    public Model Model { get; }

    /// <summary>Gets the detected file format.</summary>
    public KerasFileFormat Format { get; }

    /// <summary>Gets the Keras version that wrote the file, when the file records it.</summary>
    public string? KerasVersion { get; }

    /// <summary>Gets a value indicating whether the model is compiled after loading.</summary>
    public bool Compiled { get; }

    /// <summary>Gets a value indicating whether the optimizer's step count and slots came from the file, so that training resumes exactly.</summary>
    public bool OptimizerStateRestored { get; }

    /// <summary>Gets the warnings about what was ignored or reset, one line each; empty when the file loaded completely.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
