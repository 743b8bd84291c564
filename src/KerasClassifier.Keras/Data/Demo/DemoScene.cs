using SkiaSharp;

namespace KerasClassifier.Keras.Data.Demo;

/// <summary>
/// Draws everything around the product in a demo image: textured background, shadow, clutter,
/// uneven lighting and sensor noise.
/// </summary>
internal static class DemoScene
{
    /// <summary>
    /// Fills the canvas with a random background: a flat colour with stripes, tiles, a gradient or blotches.
    /// </summary>
    public static void DrawBackground(SKCanvas canvas, int size, Random random)
    {
        SKColor baseColor = DemoColors.Random(random);
        canvas.Clear(baseColor);

        using var paint = new SKPaint { IsAntialias = true };
        switch (random.Next(4))
        {
            case 0:
                // Diagonal stripes.
                paint.Color = DemoColors.Shade(baseColor, Uniform(random, 0.75f, 1.25f));
                paint.StrokeWidth = Uniform(random, 3, 10);
                float spacing = paint.StrokeWidth * Uniform(random, 2, 4);
                for (float x = -size; x < 2 * size; x += spacing)
                {
                    canvas.DrawLine(x, 0, x + size, size, paint);
                }

                break;
            case 1:
                // Tiles, like a shelf or a tablecloth.
                float tile = size / (float)random.Next(3, 9);
                paint.Color = DemoColors.Shade(baseColor, Uniform(random, 0.8f, 1.2f));
                for (int row = 0; row * tile < size; row++)
                {
                    for (int column = row % 2; column * tile < size; column += 2)
                    {
                        canvas.DrawRect(column * tile, row * tile, tile, tile, paint);
                    }
                }

                break;
            case 2:
                paint.Shader = SKShader.CreateLinearGradient(
                    new SKPoint(0, 0),
                    new SKPoint(size * random.NextSingle(), size),
                    [baseColor, DemoColors.Random(random)],
                    SKShaderTileMode.Clamp);
                canvas.DrawRect(0, 0, size, size, paint);
                break;
            default:
                // Soft blotches.
                for (int i = 0; i < 6; i++)
                {
                    paint.Color = DemoColors.Shade(baseColor, Uniform(random, 0.7f, 1.3f)).WithAlpha(120);
                    canvas.DrawCircle(size * random.NextSingle(), size * random.NextSingle(), size * Uniform(random, 0.1f, 0.35f), paint);
                }

                break;
        }
    }

    /// <summary>
    /// Draws a blurred shadow ellipse under an object of height <paramref name="h"/> in the current frame.
    /// </summary>
    public static void DrawShadow(SKCanvas canvas, float h, Random random)
    {
        using var blur = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, h * 0.05f);
        using var paint = new SKPaint { Color = new SKColor(0, 0, 0, (byte)random.Next(40, 110)), MaskFilter = blur, IsAntialias = true };
        canvas.DrawOval(h * 0.08f, h * 0.48f, h * 0.4f, h * 0.07f, paint);
    }

    /// <summary>
    /// Draws <paramref name="count"/> random shapes (circles, rectangles, triangles) of up to
    /// <paramref name="maxSize"/> pixels, to stand behind or partly in front of the product.
    /// </summary>
    public static void DrawClutter(SKCanvas canvas, int size, int count, float maxSize, Random random)
    {
        using var paint = new SKPaint { IsAntialias = true };
        for (int i = 0; i < count; i++)
        {
            paint.Color = DemoColors.Random(random);
            float x = size * random.NextSingle();
            float y = size * random.NextSingle();
            float extent = maxSize * Uniform(random, 0.3f, 1f);

            switch (random.Next(3))
            {
                case 0:
                    canvas.DrawCircle(x, y, extent / 2, paint);
                    break;
                case 1:
                    canvas.Save();
                    canvas.RotateDegrees(Uniform(random, 0, 90), x, y);
                    canvas.DrawRect(x - (extent / 2), y - (extent / 4), extent, extent / 2, paint);
                    canvas.Restore();
                    break;
                default:
                    using (var path = new SKPath())
                    {
                        path.MoveTo(x, y - (extent / 2));
                        path.LineTo(x + (extent / 2), y + (extent / 2));
                        path.LineTo(x - (extent / 2), y + (extent / 2));
                        path.Close();
                        canvas.DrawPath(path, paint);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Overlays a brightness gradient in a random direction: darker on one side, brighter on the other.
    /// </summary>
    public static void DrawLighting(SKCanvas canvas, int size, Random random)
    {
        double angle = random.NextDouble() * 2 * Math.PI;
        float half = size / 2f;
        var from = new SKPoint(half - (half * (float)Math.Cos(angle)), half - (half * (float)Math.Sin(angle)));
        var to = new SKPoint(half + (half * (float)Math.Cos(angle)), half + (half * (float)Math.Sin(angle)));

        using var paint = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(
                from,
                to,
                [new SKColor(0, 0, 0, (byte)random.Next(0, 120)), SKColors.Transparent, new SKColor(255, 255, 255, (byte)random.Next(0, 70))],
                SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, 0, size, size, paint);
    }

    /// <summary>
    /// Adds Gaussian noise with standard deviation <paramref name="sigma"/> (in 0-255 units) to each RGB value.
    /// </summary>
    public static void AddNoise(SKBitmap bitmap, float sigma, Random random)
    {
        Span<byte> pixels = bitmap.GetPixelSpan();
        int bytesPerPixel = bitmap.BytesPerPixel;
        for (int i = 0; i < pixels.Length; i += bytesPerPixel)
        {
            for (int channel = 0; channel < 3; channel++)
            {
                double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                pixels[i + channel] = (byte)Math.Clamp(pixels[i + channel] + (gaussian * sigma), 0, 255);
            }
        }
    }

    private static float Uniform(Random random, float min, float max) => min + ((max - min) * random.NextSingle());
}
