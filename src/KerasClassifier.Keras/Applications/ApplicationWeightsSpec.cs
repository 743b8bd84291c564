namespace KerasClassifier.Keras.Applications;

/// <summary>
/// What loading Keras's weight file into one configuration of an application needs beyond the
/// model: the file names to suggest, the names Keras's files give the classifier, older layer
/// names, and how to explain a shape difference.
/// </summary>
/// <param name="Architecture">The application name, e.g. <c>MobileNetV2</c>.</param>
/// <param name="KerasFileName">The name of Keras's weight file for this configuration, e.g. <c>mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5</c>.</param>
/// <param name="ClassifierFileNames">The names of the classifier Dense layer in Keras's files with the top, which older Keras versions did not call <c>predictions</c>, e.g. <c>Logits</c>.</param>
/// <param name="LegacyLayerName">Maps one of the model's layer names to the name an older Keras version gave that layer in its files; null when there is none.</param>
/// <param name="DescribeShapes">Explains a shape difference from the file's weight shapes, looked up by layer name and weight name (e.g. <c>kernel</c>); returns null when it cannot.</param>
internal sealed record ApplicationWeightsSpec(
    string Architecture,
    string KerasFileName,
    IReadOnlyList<string> ClassifierFileNames,
    Func<string, string?>? LegacyLayerName = null,
    Func<Func<string, string, int[]?>, string?>? DescribeShapes = null)
{
    /// <summary>The name of the classifier Dense layer in the models this library builds, as in Keras 3.</summary>
    public const string ClassifierLayer = "predictions";

    /// <summary>Returns the names a model layer may have in a weight file: its own name first, then the older ones.</summary>
    /// <param name="layerName">The model's layer name.</param>
    /// <returns>The candidate names, without repeats.</returns>
    public IReadOnlyList<string> FileNamesOf(string layerName)
    {
        var names = new List<string> { layerName };
        if (layerName == ClassifierLayer)
        {
            names.AddRange(ClassifierFileNames);
        }
        else if (LegacyLayerName?.Invoke(layerName) is { } legacy)
        {
            names.Add(legacy);
        }

        return names.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Returns whether a file layer name is one that Keras's files give the classifier.</summary>
    /// <param name="fileLayerName">A layer name from the file.</param>
    /// <returns>True for <c>predictions</c> and the names in <see cref="ClassifierFileNames"/>.</returns>
    public bool IsClassifier(string fileLayerName) =>
        fileLayerName == ClassifierLayer || ClassifierFileNames.Contains(fileLayerName, StringComparer.Ordinal);
}
