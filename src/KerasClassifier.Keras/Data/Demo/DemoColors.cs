using SkiaSharp;

namespace KerasClassifier.Keras.Data.Demo;

/// <summary>
/// Colour helpers for the synthetic demo images.
/// </summary>
internal static class DemoColors
{
    /// <summary>
    /// Returns a random colour: any hue, saturation 20 to 90%, value 35 to 95%.
    /// </summary>
    public static SKColor Random(Random random) => SKColor.FromHsv(
        random.NextSingle() * 360,
        20 + (random.NextSingle() * 70),
        35 + (random.NextSingle() * 60));

    /// <summary>
    /// Scales the RGB channels by <paramref name="factor"/> (above 1 lightens, below 1 darkens), keeping alpha.
    /// </summary>
    public static SKColor Shade(SKColor color, float factor) => new(
        ClampToByte(color.Red * factor),
        ClampToByte(color.Green * factor),
        ClampToByte(color.Blue * factor),
        color.Alpha);

    private static byte ClampToByte(float value) => (byte)Math.Clamp(value, 0, 255);
}
