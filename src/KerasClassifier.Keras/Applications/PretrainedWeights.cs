namespace KerasClassifier.Keras.Applications;

/// <summary>
/// Finds the weight file behind a <c>weights</c> argument: a named set such as <c>imagenet</c>, or a path.
/// </summary>
public static class PretrainedWeights
{
    /// <summary>The ResNet18 ImageNet file, relative to the build output, where the library's build copies it.</summary>
    internal const string ResNet18OnnxRelativePath = "DnnImageModels/ResNet18Onnx/ResNet18.onnx";

    // The NuGet package whose ONNX file contains the ResNet18 ImageNet weights.
    private const string ResNet18PackageFolder = "microsoft.ml.dnnimagefeaturizer.resnet18/0.24.0/tools";

    private static readonly Dictionary<string, string[]> NamedWeights = new(StringComparer.OrdinalIgnoreCase)
    {
        ["resnet18"] = ["imagenet"],
    };

    /// <summary>Gets the named weights available for each backbone, e.g. <c>resnet18: imagenet</c>.</summary>
    public static IReadOnlyDictionary<string, string[]> Available => NamedWeights;

    /// <summary>Returns the weight file for a backbone and a <c>weights</c> argument.</summary>
    /// <param name="backbone">The backbone name as the command line writes it, e.g. <c>resnet18</c>.</param>
    /// <param name="weights">A name from <see cref="Available"/> or the path of a weight file.</param>
    /// <returns>The full path of an existing file.</returns>
    /// <exception cref="ArgumentException">A name is given that the backbone has no weights for; the message lists what is available.</exception>
    /// <exception cref="FileNotFoundException">The path, or the bundled file, does not exist.</exception>
    public static string Resolve(string backbone, string weights)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backbone);
        ArgumentException.ThrowIfNullOrWhiteSpace(weights);

        if (File.Exists(weights))
        {
            return Path.GetFullPath(weights);
        }

        if (!IsName(weights))
        {
            throw new FileNotFoundException($"Weight file '{weights}' was not found; pass an existing file or one of the named weights ({Describe()}).", weights);
        }

        if (!NamedWeights.TryGetValue(backbone, out var names) || !names.Contains(weights, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"No '{weights}' weights are available for backbone '{backbone}'; available: {Describe()}. Train it from scratch, or pass a weight file path.",
                nameof(weights));
        }

        return FindResNet18File();
    }

    /// <summary>Lists the named weights, e.g. <c>resnet18 (imagenet)</c>.</summary>
    /// <returns>A comma-separated list.</returns>
    public static string Describe() =>
        string.Join(", ", NamedWeights.Select(pair => $"{pair.Key} ({string.Join(", ", pair.Value)})"));

    // A bare word without a folder or an extension is a name; anything else is meant as a path.
    private static bool IsName(string weights) =>
        weights.IndexOfAny(['/', '\\', '.']) < 0;

    private static string FindResNet18File()
    {
        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, ResNet18OnnxRelativePath) };

        // Programs that load the library without its build output (a notebook, a published single file) find the file in the NuGet
        // cache. The library's own package leaves the 64 MB file out.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        candidates.Add(Path.Combine(packages, ResNet18PackageFolder, ResNet18OnnxRelativePath));

        var found = candidates.FirstOrDefault(File.Exists);
        return found ?? throw new FileNotFoundException(
            $"The ResNet18 ImageNet weights were not found; looked for {string.Join(" and ", candidates.Select(c => $"'{c}'"))}. Restore the Microsoft.ML.DnnImageFeaturizer.ResNet18 0.24.0 package into the NuGet cache (building the KerasClassifier.Keras project does), or pass the file's path.");
    }
}
