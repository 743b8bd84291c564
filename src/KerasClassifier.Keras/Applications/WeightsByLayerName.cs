using System.Globalization;
using System.Text.RegularExpressions;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Saving.Hdf5;
using KerasClassifier.Keras.Saving.LegacyH5;
using PureHDF;

namespace KerasClassifier.Keras.Applications;

/// <summary>
/// Pairs a legacy HDF5 weights group with an application model by layer name, as Keras's
/// <c>load_weights(by_name=True)</c> does, but strictly: every model layer with weights must be in
/// the file, the file must have no other layer with weights, and every weight must have the
/// variable's shape.
/// </summary>
internal static partial class WeightsByLayerName
{
    private const int NamesShown = 4;

    /// <summary>Checks the file against the model and reads every value, assigning nothing.</summary>
    /// <param name="group">The group with <c>layer_names</c>.</param>
    /// <param name="groupPath">Its HDF5 path, for messages.</param>
    /// <param name="model">The application model, built.</param>
    /// <param name="spec">The names and explanations for this configuration.</param>
    /// <param name="location">The file, for messages.</param>
    /// <returns>The values to assign, one per model variable.</returns>
    /// <exception cref="InvalidDataException">A layer, weight or shape differs; the message names it and the file or argument that fits.</exception>
    public static IReadOnlyList<PendingValue> Read(IH5Group group, string groupPath, Model model, ApplicationWeightsSpec spec, FileLocation location)
    {
        groupPath = groupPath.TrimEnd('/');
        var fileLayers = LegacyWeightsReader.ReadLayers(group, groupPath, location);
        var pairs = PairLayers(fileLayers, model, spec, location, groupPath);

        // Shapes come from the dataset headers, so a mismatch is reported before any data is read.
        var targets = new List<(KerasVariable Variable, IH5Dataset Dataset, string Path, Layer Layer)>();
        foreach (var (layer, stored) in pairs)
        {
            foreach (var (variable, dataset, path) in PairWeights(layer, stored, location))
            {
                targets.Add((variable, dataset, path, layer));
            }
        }

        var shapes = new ShapeLookup(fileLayers, location);
        foreach (var (variable, dataset, path, layer) in targets)
        {
            var found = ShapeLookup.ShapeOf(dataset, path, location);
            if (!found.SequenceEqual(variable.Shape))
            {
                var firstLayer = ReferenceEquals(layer, pairs[0].Layer);
                throw location.Invalid(
                    path,
                    $"layer '{layer.Name}', variable '{variable.Name}': expected {KerasVariable.FormatShape(variable.Shape)}, found {KerasVariable.FormatShape(found)}; "
                    + ExplainShape(variable, found, layer, firstLayer, spec, shapes) + ".");
            }
        }

        return targets
            .Select(t => new PendingValue(t.Variable, Hdf5Reading.ReadArray(t.Dataset, t.Path, location), $"layer '{t.Layer.Name}'"))
            .ToArray();
    }

    /// <summary>Finds each model layer with weights in the file, and rejects a file with missing or extra layers.</summary>
    private static IReadOnlyList<(Layer Layer, StoredLayer Stored)> PairLayers(
        IReadOnlyList<StoredLayer> fileLayers, Model model, ApplicationWeightsSpec spec, FileLocation location, string groupPath)
    {
        var byName = new Dictionary<string, StoredLayer>(StringComparer.Ordinal);
        foreach (var stored in fileLayers)
        {
            byName.TryAdd(stored.Name, stored);
        }

        var modelLayers = model.SavedLayers.Where(l => l.Weights.Count > 0).ToArray();
        var pairs = new List<(Layer, StoredLayer)>();
        var missing = new List<Layer>();
        foreach (var layer in modelLayers)
        {
            var stored = spec.FileNamesOf(layer.Name).Select(byName.GetValueOrDefault).FirstOrDefault(s => s is not null);
            if (stored is null)
            {
                missing.Add(layer);
            }
            else
            {
                pairs.Add((layer, stored));
            }
        }

        var used = pairs.Select(p => p.Item2.Name).ToHashSet(StringComparer.Ordinal);
        var extra = fileLayers.Where(l => !used.Contains(l.Name)).ToArray();
        if (missing.Count > 0 || extra.Length > 0)
        {
            throw location.Invalid(groupPath + "/", DescribeLayerMismatch(fileLayers, modelLayers, missing, extra, spec, location) + ".");
        }

        return pairs;
    }

    private static string DescribeLayerMismatch(
        IReadOnlyList<StoredLayer> fileLayers, Layer[] modelLayers, List<Layer> missing, StoredLayer[] extra, ApplicationWeightsSpec spec, FileLocation location)
    {
        var fix = $"pass {spec.Architecture}'s Keras weight file for this configuration, {spec.KerasFileName}";

        // Most layers missing: the file is for another network.
        if (missing.Count * 2 > modelLayers.Length)
        {
            var others = missing.Count - 1;
            var more = others > 0 ? $" ({others} more of the model's {modelLayers.Length} layers with weights are missing too)" : string.Empty;
            return $"expected layer '{missing[0].Name}' of {spec.Architecture}, but the file has no such layer{more}; "
                + $"{WeightFileArchitecture.Describe(fileLayers.Select(l => l.Name).ToArray())}. To load {spec.Architecture}, {fix}";
        }

        // Only the classifier differs: the file was saved with the other includeTop choice.
        if (missing.Count == 1 && missing[0].Name == ApplicationWeightsSpec.ClassifierLayer && extra.Length == 0)
        {
            var looked = string.Join("', '", spec.FileNamesOf(ApplicationWeightsSpec.ClassifierLayer));
            return $"the model has the classifier layer '{ApplicationWeightsSpec.ClassifierLayer}' (includeTop: true), but the file has no such layer (looked for '{looked}'), "
                + $"so it was saved without the top; create the model with includeTop: false, or pass the file with the top, {spec.KerasFileName}";
        }

        if (missing.Count == 0 && extra.Length == 1 && spec.IsClassifier(extra[0].Name))
        {
            var classes = ClassifierClasses(extra[0], location);
            return $"the file has the classifier layer '{extra[0].Name}'{classes}, but the model was created with includeTop: false; "
                + $"create it with includeTop: true, or pass the file without the top, {spec.KerasFileName}";
        }

        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add($"the file has no weights for the model's layers {List(missing.Select(l => l.Name).ToArray())}");
        }

        if (extra.Length > 0)
        {
            parts.Add($"the file has weights for layers the model does not have: {List(extra.Select(l => l.Name).ToArray())}");
        }

        return $"{string.Join(", and ", parts)}; {fix}";
    }

    /// <summary>Pairs the file's weights of one layer with the layer's variables by their last name part (<c>Conv1/kernel:0</c> is <c>kernel</c>).</summary>
    private static IEnumerable<(KerasVariable Variable, IH5Dataset Dataset, string Path)> PairWeights(Layer layer, StoredLayer stored, FileLocation location)
    {
        var variables = layer.Weights;
        var fileWeights = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var weightName in stored.WeightNames)
        {
            fileWeights.TryAdd(ShortName(weightName), weightName);
        }

        var variableNames = variables.Select(v => v.Name).ToArray();
        if (fileWeights.Count != stored.WeightNames.Count || !fileWeights.Keys.ToHashSet().SetEquals(variableNames))
        {
            throw location.Invalid(
                stored.Path,
                $"layer '{layer.Name}' ({layer.ClassName}) has the weights ({string.Join(", ", variableNames)}), "
                + $"but the file's layer '{stored.Name}' lists ({string.Join(", ", stored.WeightNames)}); the file was saved from another kind of layer.");
        }

        foreach (var variable in variables)
        {
            var weightName = fileWeights[variable.Name];
            var path = $"{stored.Path}/{weightName}";
            var dataset = LegacyWeightsReader.FindDataset(stored.Group, weightName)
                ?? throw location.Invalid(path, $"weight_names of layer '{stored.Name}' lists this dataset, but it is missing.");
            yield return (variable, dataset, path);
        }
    }

    private static string ExplainShape(KerasVariable variable, int[] found, Layer layer, bool firstLayer, ApplicationWeightsSpec spec, ShapeLookup shapes)
    {
        var expected = variable.Shape;
        if (layer.Name == ApplicationWeightsSpec.ClassifierLayer && found.Length > 0 && found[^1] != expected[^1])
        {
            return $"the file's classifier has {found[^1]} classes and the model {expected[^1]}; create the model with classes: {found[^1]}, "
                + "or with includeTop: false and a classifier of your own";
        }

        if (firstLayer && DiffersOnlyInInputChannels(found, expected))
        {
            return $"the file's weights take {found[2]} input channels and the model {expected[2]}; create the model with inputShape (height, width, {found[2]})";
        }

        return spec.DescribeShapes?.Invoke(shapes.Find)
            ?? $"the file was saved from a differently configured {spec.Architecture}; pass the Keras weight file for this configuration, {spec.KerasFileName}";
    }

    /// <summary>Returns whether two convolution kernel shapes (height, width, input channels, filters) differ in the input channels alone.</summary>
    private static bool DiffersOnlyInInputChannels(int[] found, int[] expected) =>
        found.Length == 4 && expected.Length == 4 && found[2] != expected[2]
        && found[0] == expected[0] && found[1] == expected[1] && found[3] == expected[3];

    private static string ClassifierClasses(StoredLayer classifier, FileLocation location)
    {
        var kernel = classifier.WeightNames.FirstOrDefault(n => ShortName(n) == "kernel");
        if (kernel is null || LegacyWeightsReader.FindDataset(classifier.Group, kernel) is not { } dataset)
        {
            return string.Empty;
        }

        var shape = ShapeLookup.ShapeOf(dataset, $"{classifier.Path}/{kernel}", location);
        return shape.Length == 2 ? $" with {shape[1].ToString(CultureInfo.InvariantCulture)} classes" : string.Empty;
    }

    private static string List(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(NamesShown).Select(n => $"'{n}'"))
        + (names.Count > NamesShown ? $" and {names.Count - NamesShown} more" : string.Empty);

    /// <summary>Returns a weight's name without its owner path and TensorFlow's output index: <c>bn_Conv1/gamma:0</c> is <c>gamma</c>.</summary>
    private static string ShortName(string weightName) =>
        OutputIndex().Replace(weightName[(weightName.LastIndexOf('/') + 1)..], string.Empty);

    [GeneratedRegex(":[0-9]+$")]
    private static partial Regex OutputIndex();

    /// <summary>Finds the shapes of the file's weights by layer and weight name, reading dataset headers only.</summary>
    private sealed class ShapeLookup(IReadOnlyList<StoredLayer> fileLayers, FileLocation location)
    {
        public static int[] ShapeOf(IH5Dataset dataset, string path, FileLocation location)
        {
            try
            {
                return dataset.Space.Dimensions.Select(d => checked((int)d)).ToArray();
            }
            catch (Exception ex) when (ex is not InvalidDataException)
            {
                throw location.Invalid(path, $"the dataset's shape cannot be read: {ex.Message}", ex);
            }
        }

        public int[]? Find(string layerName, string weightName)
        {
            var stored = fileLayers.FirstOrDefault(l => l.Name == layerName);
            var entry = stored?.WeightNames.FirstOrDefault(n => ShortName(n) == weightName);
            if (stored is null || entry is null || LegacyWeightsReader.FindDataset(stored.Group, entry) is not { } dataset)
            {
                return null;
            }

            return ShapeOf(dataset, $"{stored.Path}/{entry}", location);
        }
    }
}
