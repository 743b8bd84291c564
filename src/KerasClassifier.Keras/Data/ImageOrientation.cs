using SkiaSharp;

namespace KerasClassifier.Keras.Data;

/// <summary>
/// Maps stored pixels to display pixels for each EXIF orientation (tag 0x0112, values 1 to 8).
/// </summary>
/// <remarks>
/// SkiaSharp's <see cref="SKCodec"/> reports the orientation in <see cref="SKCodec.EncodedOrigin"/>
/// but returns the pixels as stored, so the decoder applies this transform itself.
/// </remarks>
internal static class ImageOrientation
{
    /// <summary>
    /// Returns true when the orientation swaps width and height (values 5 to 8).
    /// </summary>
    public static bool SwapsAxes(SKEncodedOrigin origin) => origin is
        SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or
        SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>
    /// Returns the matrix that maps stored coordinates of a <paramref name="width"/> x
    /// <paramref name="height"/> image to display coordinates.
    /// </summary>
    public static SKMatrix ToDisplay(SKEncodedOrigin origin, int width, int height)
    {
        float w = width;
        float h = height;

        // Each case states where stored (x, y) lands: x' = ScaleX*x + SkewX*y + TransX, y' = SkewY*x + ScaleY*y + TransY.
        return origin switch
        {
            // Mirrored left to right: x' = w - x.
            SKEncodedOrigin.TopRight => Affine(-1, 0, w, 0, 1, 0),

            // Rotated 180 degrees: x' = w - x, y' = h - y.
            SKEncodedOrigin.BottomRight => Affine(-1, 0, w, 0, -1, h),

            // Mirrored top to bottom: y' = h - y.
            SKEncodedOrigin.BottomLeft => Affine(1, 0, 0, 0, -1, h),

            // Transposed: x' = y, y' = x.
            SKEncodedOrigin.LeftTop => Affine(0, 1, 0, 1, 0, 0),

            // Needs a 90 degree clockwise turn: x' = h - y, y' = x.
            SKEncodedOrigin.RightTop => Affine(0, -1, h, 1, 0, 0),

            // Transverse: x' = h - y, y' = w - x.
            SKEncodedOrigin.RightBottom => Affine(0, -1, h, -1, 0, w),

            // Needs a 90 degree counter-clockwise turn: x' = y, y' = w - x.
            SKEncodedOrigin.LeftBottom => Affine(0, 1, 0, -1, 0, w),

            _ => SKMatrix.Identity,
        };
    }

    private static SKMatrix Affine(float scaleX, float skewX, float transX, float skewY, float scaleY, float transY) =>
        new(scaleX, skewX, transX, skewY, scaleY, transY, 0, 0, 1);
}
