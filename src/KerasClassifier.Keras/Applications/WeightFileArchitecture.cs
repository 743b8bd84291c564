using System.Globalization;
using System.Text.RegularExpressions;

namespace KerasClassifier.Keras.Applications;

/// <summary>Recognises the <c>keras.applications</c> network that a weight file was saved from by its layer names, for error messages.</summary>
internal static partial class WeightFileArchitecture
{
    private const int NamesShown = 4;

    /// <summary>Describes the layers of a file that did not match a model, naming the architecture when the layer names give it away.</summary>
    /// <param name="layerNames">The file's layers with weights, in file order.</param>
    /// <returns>A clause such as <c>its layers (conv1_conv, conv1_bn, ...) look like ResNet50 weights</c>.</returns>
    public static string Describe(IReadOnlyList<string> layerNames)
    {
        if (layerNames.Count == 0)
        {
            return "the file lists no layer with weights";
        }

        var shown = string.Join(", ", layerNames.Take(NamesShown)) + (layerNames.Count > NamesShown ? ", ..." : string.Empty);
        var count = layerNames.Count.ToString(CultureInfo.InvariantCulture);
        return Guess(layerNames) is { } architecture
            ? $"the file's {count} layers with weights ({shown}) look like {architecture} weights"
            : $"the file's {count} layers with weights are {shown}";
    }

    /// <summary>Names the architecture from layer names that only it uses; null when none is recognised.</summary>
    /// <param name="layerNames">Layer names of a weight file.</param>
    /// <returns>The architecture, e.g. <c>ResNet50</c>.</returns>
    public static string? Guess(IReadOnlyCollection<string> layerNames)
    {
        var names = layerNames.ToHashSet(StringComparer.Ordinal);
        if (names.Contains("expanded_conv_depthwise"))
        {
            return "MobileNetV2";
        }

        if (names.Contains("conv_dw_1"))
        {
            return "MobileNet";
        }

        if (names.Contains("res2a_branch2a"))
        {
            return "ResNet50 (with the layer names of Keras 2.2 and older)";
        }

        if (names.Contains("conv1_conv"))
        {
            return GuessResNet(names);
        }

        if (names.Contains("block1_conv1"))
        {
            return names.Contains("block5_conv4") ? "VGG19" : "VGG16";
        }

        if (names.Contains("block1_sepconv1"))
        {
            return "Xception";
        }

        if (names.Contains("stem_conv"))
        {
            return "EfficientNet";
        }

        return names.Contains("conv1/conv") ? "DenseNet" : null;
    }

    /// <summary>Tells the ResNets apart by the number of blocks in their fourth stage, and V2 by its final batch normalization.</summary>
    private static string GuessResNet(HashSet<string> names)
    {
        var version = names.Contains("post_bn") ? "V2" : string.Empty;
        var blocks = names
            .Select(n => FourthStageBlock().Match(n))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Max();
        return blocks switch
        {
            6 => $"ResNet50{version}",
            23 => $"ResNet101{version}",
            36 => $"ResNet152{version}",
            _ => $"a ResNet{version} with {blocks} blocks in its fourth stage",
        };
    }

    [GeneratedRegex("^conv4_block([0-9]+)_")]
    private static partial Regex FourthStageBlock();
}
