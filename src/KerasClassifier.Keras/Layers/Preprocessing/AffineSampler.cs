using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasClassifier.Keras.Layers;

/// <summary>Resamples NCHW images through per-image affine maps, for the rotation, zoom and translation layers.</summary>
internal static class AffineSampler
{
    /// <summary>Validates Keras's <c>fill_mode</c> and returns the libtorch padding mode that matches it.</summary>
    public static GridSamplePaddingMode ParseFillMode(string fillMode, string paramName = "fillMode")
    {
        return fillMode switch
        {
            "reflect" => GridSamplePaddingMode.Reflection,
            "nearest" => GridSamplePaddingMode.Border,
            "constant" => GridSamplePaddingMode.Zeros,
            "wrap" => throw new NotSupportedException($"fillMode 'wrap' is not supported by this backend; use reflect, nearest or constant."),
            _ => throw new ArgumentException($"Invalid {paramName} '{fillMode}'; expected reflect, nearest or constant.", paramName),
        };
    }

    /// <summary>Validates Keras's <c>interpolation</c> for affine layers and returns the libtorch mode.</summary>
    public static GridSampleMode ParseInterpolation(string interpolation, string paramName = "interpolation")
    {
        return interpolation switch
        {
            "bilinear" => GridSampleMode.Bilinear,
            "nearest" => GridSampleMode.Nearest,
            _ => throw new ArgumentException($"Invalid {paramName} '{interpolation}'; expected bilinear or nearest.", paramName),
        };
    }

    /// <summary>
    /// Samples each output pixel from the input position that <paramref name="theta"/> (N, 2, 3) maps it
    /// to, in normalised coordinates where the image spans [-1, 1] on both axes.
    /// </summary>
    public static Tensor Apply(Tensor x, Tensor theta, GridSampleMode mode, GridSamplePaddingMode padding)
    {
        var grid = F.affine_grid(theta.to_type(x.dtype), x.shape, align_corners: false);
        return F.grid_sample(x, grid, mode, padding, align_corners: false);
    }
}
