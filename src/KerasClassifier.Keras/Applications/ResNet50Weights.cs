using System.Globalization;
using System.Text.RegularExpressions;

namespace KerasClassifier.Keras.Applications;

/// <summary>
/// Keras's ResNet50 weight files: their names, and the layer names of the older generation of files.
/// </summary>
/// <remarks>
/// Two generations share the file names <c>resnet50_weights_tf_dim_ordering_tf_kernels.h5</c> and
/// <c>resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5</c>. The current one (keras-applications'
/// <c>resnet_common</c>, used by tf.keras and Keras 3) names layers as this library does
/// (<c>conv1_conv</c>, <c>conv2_block1_1_bn</c>) and calls the classifier <c>probs</c>. The one that
/// Keras 2.2 and older downloaded names them <c>conv1</c>, <c>bn_conv1</c>, <c>res2a_branch2a</c>,
/// <c>bn2a_branch2a</c>, <c>res2a_branch1</c> and <c>fc1000</c>; both load.
/// </remarks>
internal static partial class ResNet50Weights
{
    /// <summary>Returns the name of Keras's weight file, as Keras's <c>ResNet50</c> downloads it.</summary>
    /// <param name="includeTop">Whether the file has the 1000-class classifier.</param>
    /// <returns>The file name.</returns>
    public static string KerasFileName(bool includeTop) =>
        includeTop ? "resnet50_weights_tf_dim_ordering_tf_kernels.h5" : "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5";

    /// <summary>Describes one configuration for the weight loader.</summary>
    public static ApplicationWeightsSpec Spec(bool includeTop) => new(
        "ResNet50",
        KerasFileName(includeTop),
        ClassifierFileNames: ["probs", "fc1000"],
        LegacyLayerName: LegacyLayerName);

    /// <summary>Returns the name that Keras 2.2 and older gave a ResNet50 layer: <c>conv3_block2_1_conv</c> was <c>res3b_branch2a</c>.</summary>
    /// <param name="layerName">A layer name of this library's ResNet50.</param>
    /// <returns>The old name, or null for a layer without weights or one that had no counterpart.</returns>
    public static string? LegacyLayerName(string layerName)
    {
        switch (layerName)
        {
            case "conv1_conv":
                return "conv1";
            case "conv1_bn":
                return "bn_conv1";
        }

        var match = BlockLayer().Match(layerName);
        if (!match.Success)
        {
            return null;
        }

        var stage = match.Groups["stage"].Value;
        var block = (char)('a' + int.Parse(match.Groups["block"].Value, CultureInfo.InvariantCulture) - 1);

        // Convolution 0 is the projection shortcut ("branch1"); 1 to 3 are the main path ("branch2a" to "branch2c").
        var convolution = int.Parse(match.Groups["convolution"].Value, CultureInfo.InvariantCulture);
        var branch = convolution == 0 ? "1" : "2" + (char)('a' + convolution - 1);
        var prefix = match.Groups["kind"].Value == "conv" ? "res" : "bn";
        return $"{prefix}{stage}{block}_branch{branch}";
    }

    [GeneratedRegex("^conv(?<stage>[2-5])_block(?<block>[0-9]+)_(?<convolution>[0-3])_(?<kind>conv|bn)$")]
    private static partial Regex BlockLayer();
}
