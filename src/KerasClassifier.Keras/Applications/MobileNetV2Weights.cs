using System.Globalization;
using KerasClassifier.Keras.Saving;
using KerasClassifier.Keras.Saving.LegacyH5;

namespace KerasClassifier.Keras.Applications;

/// <summary>
/// Keras's MobileNetV2 weight files: their names, and the width multiplier (alpha) a file was saved for.
/// </summary>
/// <remarks>
/// Keras publishes <c>mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{alpha}_{rows}.h5</c> and
/// <c>..._{alpha}_{rows}_no_top.h5</c> for alpha 0.35, 0.5, 0.75, 1.0, 1.3 and 1.4 and rows 96, 128,
/// 160, 192 and 224. The weight shapes depend on alpha and the top only, so a file trained at one
/// input size loads into a model of any size. It is most accurate at the size it was trained at.
/// </remarks>
internal static class MobileNetV2Weights
{
    /// <summary>The last block's projection, whose filter count is 320 * alpha rounded to a multiple of 8, so it identifies alpha.</summary>
    private const string LastProjection = "block_16_project";

    /// <summary>Gets the width multipliers that Keras publishes weights for.</summary>
    public static IReadOnlyList<double> PublishedAlphas { get; } = [0.35, 0.5, 0.75, 1.0, 1.3, 1.4];

    /// <summary>Gets the input sizes that Keras publishes weights for.</summary>
    public static IReadOnlyList<int> PublishedSizes { get; } = [96, 128, 160, 192, 224];

    /// <summary>Returns the name of Keras's weight file for a configuration, as Keras's <c>MobileNetV2</c> downloads it.</summary>
    /// <param name="alpha">The width multiplier.</param>
    /// <param name="rows">The input height; sizes without a published file fall back to 224.</param>
    /// <param name="includeTop">Whether the file has the 1000-class classifier.</param>
    /// <returns>The file name, e.g. <c>mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5</c>.</returns>
    public static string KerasFileName(double alpha, int rows, bool includeTop)
    {
        var size = PublishedSizes.Contains(rows) ? rows : 224;
        return $"mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{FormatAlpha(alpha)}_{size}{(includeTop ? string.Empty : "_no_top")}.h5";
    }

    /// <summary>Describes one configuration for the weight loader.</summary>
    public static ApplicationWeightsSpec Spec(double alpha, int rows, bool includeTop) => new(
        "MobileNetV2",
        KerasFileName(alpha, rows, includeTop),
        ClassifierFileNames: ["Logits"],
        DescribeShapes: shapes => DescribeAlpha(shapes, alpha, rows, includeTop));

    /// <summary>Reads the alpha that a legacy HDF5 MobileNetV2 weight file was saved for.</summary>
    /// <param name="path">The file.</param>
    /// <returns>One of <see cref="PublishedAlphas"/>, or null when the file is not such a file or its widths match none.</returns>
    public static double? ReadAlpha(string path)
    {
        try
        {
            using var file = KerasFile.Open(path);
            if (file.Format is not (KerasFileFormat.LegacyHdf5Weights or KerasFileFormat.LegacyHdf5Model))
            {
                return null;
            }

            var (group, groupPath) = LegacyH5Reader.FindWeightsGroup(file.Hdf5!);
            var layer = LegacyWeightsReader.ReadLayers(group, groupPath.TrimEnd('/'), file.Location).FirstOrDefault(l => l.Name == LastProjection);
            var kernel = layer?.WeightNames.FirstOrDefault(n => n.EndsWith("kernel:0", StringComparison.Ordinal) || n.EndsWith("kernel", StringComparison.Ordinal));
            if (layer is null || kernel is null || LegacyWeightsReader.FindDataset(layer.Group, kernel) is not { } dataset)
            {
                return null;
            }

            var dimensions = dataset.Space.Dimensions;
            return dimensions.Length == 4 ? AlphaOfProjection((int)dimensions[3]) : null;
        }
        catch (InvalidDataException)
        {
            // The loader reports what is wrong with the file, with the model's context.
            return null;
        }
    }

    /// <summary>Formats alpha as Python's <c>str(float)</c> does in Keras's file names: 1.0, 0.35, 0.5.</summary>
    public static string FormatAlpha(double alpha)
    {
        var text = alpha.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static double? AlphaOfProjection(int filters) =>
        PublishedAlphas.Where(a => MobileNetV2.MakeDivisible((int)(320 * a)) == filters).Select(a => (double?)a).FirstOrDefault();

    private static string? DescribeAlpha(Func<string, string, int[]?> shapes, double alpha, int rows, bool includeTop)
    {
        if (shapes(LastProjection, "kernel") is not { Length: 4 } kernel || AlphaOfProjection(kernel[3]) is not { } fileAlpha || fileAlpha == alpha)
        {
            return null;
        }

        return $"the file holds weights for alpha {FormatAlpha(fileAlpha)} (layer {LastProjection} has {kernel[3]} filters), but the model has alpha {FormatAlpha(alpha)}; "
            + $"create the model with alpha: {FormatAlpha(fileAlpha)}, or pass the file for alpha {FormatAlpha(alpha)}, {KerasFileName(alpha, rows, includeTop)}";
    }
}
