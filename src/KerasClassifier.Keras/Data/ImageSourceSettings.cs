namespace KerasClassifier.Keras.Data;

/// <summary>
/// Validated settings shared by the image-file sources.
/// </summary>
internal sealed record ImageSourceSettings(
    ImageResizeOptions Resize,
    string LabelMode,
    bool Shuffle,
    int Seed,
    int Workers,
    long MaxPixels)
{
    /// <summary>Default image size, as Keras's <c>image_dataset_from_directory</c>.</summary>
    public static readonly (int Height, int Width) DefaultImageSize = (256, 256);

    /// <summary>
    /// Validates the arguments common to the image-file sources.
    /// </summary>
    public static ImageSourceSettings Create(
        string labelMode,
        string colorMode,
        (int Height, int Width)? imageSize,
        string interpolation,
        bool cropToAspectRatio,
        bool shuffle,
        int? seed,
        int? numParallelCalls,
        long maxPixels)
    {
        ValidateLabelMode(labelMode);
        ValidateColorMode(colorMode);

        (int height, int width) = imageSize ?? DefaultImageSize;
        if (height < 1 || width < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(imageSize), imageSize, $"imageSize must be positive (height, width); received ({height}, {width}).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxPixels, 1);

        var resize = new ImageResizeOptions(
            height,
            width,
            ImageInterpolationNames.Parse(interpolation, nameof(interpolation)),
            cropToAspectRatio);
        int workers = Dataset.ResolveParallelism(numParallelCalls, nameof(numParallelCalls));

        return new ImageSourceSettings(resize, labelMode, shuffle, seed ?? DatasetRandom.NewSeed(), workers, maxPixels);
    }

    /// <summary>
    /// Checks that the class count suits the label mode: Keras's "binary" needs exactly two classes.
    /// </summary>
    public void ValidateClassCount(int classCount)
    {
        if (LabelMode == "binary" && classCount != 2)
        {
            throw new ArgumentException(
                $"labelMode \"binary\" needs exactly 2 classes but found {classCount}; use \"int\" or \"categorical\".", "labelMode");
        }
    }

    private static void ValidateLabelMode(string labelMode)
    {
        ArgumentNullException.ThrowIfNull(labelMode);

        if (labelMode is not ("int" or "categorical" or "binary"))
        {
            throw new ArgumentException(
                $"labelMode '{labelMode}' is not valid; expected \"int\", \"categorical\" or \"binary\".", nameof(labelMode));
        }
    }

    private static void ValidateColorMode(string colorMode)
    {
        ArgumentNullException.ThrowIfNull(colorMode);

        switch (colorMode)
        {
            case "rgb":
                return;
            case "grayscale":
            case "rgba":
                throw new NotSupportedException($"colorMode '{colorMode}' is not supported; use \"rgb\".");
            default:
                throw new ArgumentException(
                    $"colorMode '{colorMode}' is not valid; expected \"rgb\", \"grayscale\" or \"rgba\".", nameof(colorMode));
        }
    }
}
