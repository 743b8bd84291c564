namespace KerasClassifier.Keras.Data;

/// <summary>
/// Validated settings shared by the image-file sources.
/// </summary>
internal sealed record ImageSourceSettings(
    ImageResizeOptions Resize,
    bool Shuffle,
    int Seed,
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

        return new ImageSourceSettings(resize, shuffle, seed ?? DatasetRandom.NewSeed(), maxPixels);
    }

    private static void ValidateLabelMode(string labelMode)
    {
        ArgumentNullException.ThrowIfNull(labelMode);

        switch (labelMode)
        {
            case "int":
                return;
            case "categorical":
            case "binary":
                // TODO: one-hot and binary labels; until then load with "int" and convert the labels.
                throw new NotSupportedException($"labelMode '{labelMode}' is not supported yet; use \"int\".");
            default:
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
