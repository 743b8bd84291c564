using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Saving.LegacyH5;

namespace KerasClassifier.Keras.Applications;

/// <summary>
/// Loads the <c>weights</c> argument of <see cref="MobileNetV2"/> and <see cref="ResNet50"/>: a path
/// to Keras's weight file, as Keras's applications accept. No ImageNet weights of these networks are
/// bundled, so <c>imagenet</c> is rejected with the name of the file to pass instead.
/// </summary>
internal static class ApplicationWeights
{
    /// <summary>The <c>weights</c> value that names ImageNet weights in Keras.</summary>
    public const string ImageNet = "imagenet";

    /// <summary>Checks a <c>weights</c> argument before the model is built.</summary>
    /// <param name="weights">The path of a weight file; <c>imagenet</c> and other bare names are rejected.</param>
    /// <param name="spec">The application and the Keras file name to suggest.</param>
    /// <returns>The full path of the existing file or folder.</returns>
    /// <exception cref="ArgumentException"><paramref name="weights"/> is <c>imagenet</c> or another name rather than a path.</exception>
    /// <exception cref="FileNotFoundException">Nothing exists at the path.</exception>
    public static string Resolve(string weights, ApplicationWeightsSpec spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(weights);
        if (File.Exists(weights) || Directory.Exists(weights))
        {
            return Path.GetFullPath(weights);
        }

        if (string.Equals(weights, ImageNet, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"No '{ImageNet}' weights are bundled for {spec.Architecture} (bundled: {PretrainedWeights.Describe()}); "
                + $"pass the path of Keras's {spec.Architecture} weight file instead, for this configuration {spec.KerasFileName}.",
                nameof(weights));
        }

        // A bare word without a folder or an extension is meant as a name, not as a file.
        if (weights.IndexOfAny(['/', '\\', '.']) < 0)
        {
            throw new ArgumentException(
                $"Invalid weights '{weights}' for {spec.Architecture}; expected null, '{ImageNet}' or the path of a weight file such as {spec.KerasFileName}.",
                nameof(weights));
        }

        throw new FileNotFoundException(
            $"Weight file '{weights}' was not found; pass the path of Keras's {spec.Architecture} weight file, for this configuration {spec.KerasFileName}.",
            weights);
    }

    /// <summary>Loads a weight file into a freshly built application model.</summary>
    /// <remarks>
    /// Legacy HDF5 files, which Keras's applications download, are matched by layer name (see
    /// <see cref="WeightsByLayerName"/>). Keras 3 <c>.weights.h5</c> files and <c>.keras</c> archives go
    /// through <see cref="Model.LoadWeights"/>, which matches layers by class and position.
    /// Every value is checked before any is assigned.
    /// </remarks>
    /// <param name="model">The model.</param>
    /// <param name="path">The file from <see cref="Resolve"/>.</param>
    /// <param name="spec">The names and explanations for the model's configuration.</param>
    /// <exception cref="InvalidDataException">The file is not a Keras weight file, is truncated, or does not fit the model.</exception>
    /// <exception cref="NotSupportedException">The file is a TensorFlow SavedModel or was written by Keras 1 or with Theano kernels.</exception>
    public static void Load(Model model, string path, ApplicationWeightsSpec spec)
    {
        KerasFileFormat format;
        using (var file = Open(path, spec))
        {
            format = file.Format;
            if (format is KerasFileFormat.LegacyHdf5Weights or KerasFileFormat.LegacyHdf5Model)
            {
                var (group, groupPath) = LegacyH5Reader.FindWeightsGroup(file.Hdf5!);
                LegacyH5Reader.CheckWriter(group, groupPath, file.Location);
                var pending = WeightsByLayerName.Read(group, groupPath, model, spec, file.Location);
                foreach (var value in pending)
                {
                    value.Apply();
                }

                return;
            }
        }

        model.LoadWeights(path);
    }

    /// <summary>Opens the file and detects its format, adding the file to pass to content errors.</summary>
    private static KerasFile Open(string path, ApplicationWeightsSpec spec)
    {
        try
        {
            return KerasFile.Open(path);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{ex.Message} Pass Keras's {spec.Architecture} weight file, for this configuration {spec.KerasFileName}.", ex);
        }
    }
}
