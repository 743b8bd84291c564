using SkiaSharp;

namespace KerasClassifier.Keras.Data.Demo;

/// <summary>
/// Draws one synthetic product of each demo class. Each method draws in a local frame centred on the
/// product, whose height is <c>h</c> pixels; the caller sets position, rotation and scale.
/// </summary>
/// <remarks>
/// Classes differ by silhouette; every class takes its colours from the same random distribution, so
/// colour alone does not tell them apart.
/// </remarks>
internal static class DemoProducts
{
    /// <summary>Class names in label order.</summary>
    public static readonly string[] ClassNames = ["bottle", "box", "can", "carton", "fruit", "jar"];

    /// <summary>
    /// Draws the product of class <paramref name="classIndex"/> (an index into <see cref="ClassNames"/>).
    /// </summary>
    public static void Draw(SKCanvas canvas, int classIndex, float h, Random random)
    {
        SKColor body = DemoColors.Random(random);
        SKColor accent = DemoColors.Random(random);

        switch (classIndex)
        {
            case 0:
                DrawBottle(canvas, h, body, accent, random);
                break;
            case 1:
                DrawBox(canvas, h, body, accent, random);
                break;
            case 2:
                DrawCan(canvas, h, body, accent, random);
                break;
            case 3:
                DrawCarton(canvas, h, body, accent, random);
                break;
            case 4:
                DrawFruit(canvas, h, body, accent, random);
                break;
            case 5:
                DrawJar(canvas, h, body, accent, random);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(classIndex), classIndex, $"classIndex must be 0 to {ClassNames.Length - 1}.");
        }
    }

    private static void DrawBottle(SKCanvas canvas, float h, SKColor body, SKColor accent, Random random)
    {
        float bodyWidth = h * Uniform(random, 0.28f, 0.4f);
        float neckWidth = bodyWidth * Uniform(random, 0.3f, 0.45f);
        float shoulder = -h * Uniform(random, 0.1f, 0.2f);

        using var path = new SKPath();
        path.MoveTo(-bodyWidth / 2, h / 2);
        path.LineTo(-bodyWidth / 2, shoulder);
        path.CubicTo(-bodyWidth / 2, shoulder - (h * 0.12f), -neckWidth / 2, shoulder - (h * 0.12f), -neckWidth / 2, -h * 0.4f);
        path.LineTo(neckWidth / 2, -h * 0.4f);
        path.CubicTo(neckWidth / 2, shoulder - (h * 0.12f), bodyWidth / 2, shoulder - (h * 0.12f), bodyWidth / 2, shoulder);
        path.LineTo(bodyWidth / 2, h / 2);
        path.Close();
        Fill(canvas, path, body.WithAlpha((byte)random.Next(170, 256)));

        // Cap, a label band and a vertical reflection.
        Fill(canvas, SKRect.Create(-neckWidth * 0.6f, -h / 2, neckWidth * 1.2f, h * 0.1f), accent);
        float labelTop = Uniform(random, 0f, 0.15f) * h;
        Fill(canvas, SKRect.Create(-bodyWidth / 2, labelTop, bodyWidth, h * Uniform(random, 0.12f, 0.25f)), DemoColors.Random(random));
        Fill(canvas, SKRect.Create(-bodyWidth * 0.3f, shoulder, bodyWidth * 0.08f, (h / 2) - shoulder), new SKColor(255, 255, 255, 70));
    }

    private static void DrawBox(SKCanvas canvas, float h, SKColor body, SKColor accent, Random random)
    {
        float width = h * Uniform(random, 0.5f, 1.1f);
        float depth = h * Uniform(random, 0.12f, 0.25f);
        if (random.Next(2) == 0)
        {
            canvas.Scale(-1, 1);
        }

        float x0 = -width / 2;
        float y0 = (-h / 2) + depth;
        float x1 = (width / 2) - depth;
        float y1 = h / 2;

        Fill(canvas, SKRect.Create(x0, y0, x1 - x0, y1 - y0), body);
        FillPolygon(canvas, DemoColors.Shade(body, 1.3f), (x0, y0), (x0 + depth, y0 - depth), (x1 + depth, y0 - depth), (x1, y0));
        FillPolygon(canvas, DemoColors.Shade(body, 0.65f), (x1, y0), (x1 + depth, y0 - depth), (x1 + depth, y1 - depth), (x1, y1));

        // A printed panel on the front face.
        float inset = (x1 - x0) * Uniform(random, 0.1f, 0.25f);
        Fill(canvas, SKRect.Create(x0 + inset, y0 + ((y1 - y0) * 0.3f), x1 - x0 - (2 * inset), (y1 - y0) * Uniform(random, 0.2f, 0.4f)), accent);
    }

    private static void DrawCan(SKCanvas canvas, float h, SKColor body, SKColor accent, Random random)
    {
        float width = h * Uniform(random, 0.45f, 0.65f);
        float ellipse = width * Uniform(random, 0.1f, 0.16f);
        float top = (-h / 2) + ellipse;
        float bottom = (h / 2) - ellipse;

        FillOval(canvas, 0, bottom, width / 2, ellipse, body);
        Fill(canvas, SKRect.Create(-width / 2, top, width, bottom - top), body);
        Fill(canvas, SKRect.Create(-width / 2, top + ((bottom - top) * 0.3f), width, (bottom - top) * Uniform(random, 0.2f, 0.45f)), accent);

        // Metal lid with a rim, and a vertical reflection down the side.
        FillOval(canvas, 0, top, width / 2, ellipse, new SKColor(200, 200, 205));
        FillOval(canvas, 0, top, width * 0.42f, ellipse * 0.75f, new SKColor(150, 150, 158));
        Fill(canvas, SKRect.Create(-width * 0.3f, top, width * 0.1f, bottom - top), new SKColor(255, 255, 255, 80));
    }

    private static void DrawCarton(SKCanvas canvas, float h, SKColor body, SKColor accent, Random random)
    {
        float width = h * Uniform(random, 0.38f, 0.55f);
        float eaves = -h * Uniform(random, 0.12f, 0.22f);
        float apex = -h * 0.42f;

        FillPolygon(canvas, body, (-width / 2, h / 2), (width / 2, h / 2), (width / 2, eaves), (0, apex), (-width / 2, eaves));
        FillPolygon(canvas, DemoColors.Shade(body, 0.75f), (0, apex), (width / 2, eaves), (width * 0.3f, eaves));

        // Sealed fin on the ridge and a label on the front.
        Fill(canvas, SKRect.Create(-h * 0.035f, -h / 2, h * 0.07f, (h / 2) + apex + (h * 0.02f)), DemoColors.Shade(body, 0.85f));
        Fill(canvas, SKRect.Create(-width * 0.4f, h * Uniform(random, 0f, 0.15f), width * 0.8f, h * Uniform(random, 0.15f, 0.3f)), accent);
    }

    private static void DrawFruit(SKCanvas canvas, float h, SKColor body, SKColor accent, Random random)
    {
        float radiusX = h * Uniform(random, 0.36f, 0.46f);
        float radiusY = h * Uniform(random, 0.34f, 0.42f);

        using var stem = new SKPaint { Color = DemoColors.Shade(accent, 0.5f), StrokeWidth = h * 0.04f, IsAntialias = true, Style = SKPaintStyle.Stroke };
        canvas.DrawLine(0, -radiusY * 0.8f, h * 0.04f, -h * 0.5f, stem);
        FillOval(canvas, 0, 0, radiusX, radiusY, body);

        // Dimple at the stem, a leaf, and a soft highlight.
        FillOval(canvas, 0, -radiusY * 0.85f, radiusX * 0.25f, radiusY * 0.12f, DemoColors.Shade(body, 0.7f));
        canvas.Save();
        canvas.Translate(h * 0.1f, -h * 0.42f);
        canvas.RotateDegrees(Uniform(random, -40, 10));
        FillOval(canvas, 0, 0, h * 0.1f, h * 0.04f, accent);
        canvas.Restore();

        using var highlight = new SKPaint
        {
            IsAntialias = true,
            Shader = SKShader.CreateRadialGradient(
                new SKPoint(-radiusX * 0.35f, -radiusY * 0.35f),
                radiusX * 0.5f,
                [new SKColor(255, 255, 255, 110), SKColors.Transparent],
                SKShaderTileMode.Clamp),
        };
        canvas.DrawOval(0, 0, radiusX, radiusY, highlight);
    }

    private static void DrawJar(SKCanvas canvas, float h, SKColor body, SKColor accent, Random random)
    {
        float width = h * Uniform(random, 0.6f, 0.8f);
        float shoulder = -h * 0.28f;

        using (SKPaint bodyPaint = Paint(body))
        {
            canvas.DrawRoundRect(SKRect.Create(-width / 2, shoulder, width, (h / 2) - shoulder), width * 0.15f, width * 0.15f, bodyPaint);
        }
        Fill(canvas, SKRect.Create(-width * 0.4f, -h * 0.36f, width * 0.8f, h * 0.1f), DemoColors.Shade(body, 0.8f));

        // Ridged lid and a label.
        float lidTop = -h / 2;
        float lidHeight = h * 0.15f;
        Fill(canvas, SKRect.Create(-width * 0.44f, lidTop, width * 0.88f, lidHeight), accent);
        using var ridge = new SKPaint { Color = DemoColors.Shade(accent, 0.6f), StrokeWidth = Math.Max(1, h * 0.015f), IsAntialias = true };
        for (int i = 1; i < 6; i++)
        {
            float x = (-width * 0.44f) + (width * 0.88f * i / 6);
            canvas.DrawLine(x, lidTop, x, lidTop + lidHeight, ridge);
        }

        Fill(canvas, SKRect.Create(-width * 0.4f, h * Uniform(random, -0.1f, 0.1f), width * 0.8f, h * Uniform(random, 0.15f, 0.3f)), DemoColors.Random(random));
    }

    private static float Uniform(Random random, float min, float max) => min + ((max - min) * random.NextSingle());

    private static SKPaint Paint(SKColor color) => new() { Color = color, IsAntialias = true };

    private static void Fill(SKCanvas canvas, SKRect rect, SKColor color)
    {
        using SKPaint paint = Paint(color);
        canvas.DrawRect(rect, paint);
    }

    private static void Fill(SKCanvas canvas, SKPath path, SKColor color)
    {
        using SKPaint paint = Paint(color);
        canvas.DrawPath(path, paint);
    }

    private static void FillOval(SKCanvas canvas, float centerX, float centerY, float radiusX, float radiusY, SKColor color)
    {
        using SKPaint paint = Paint(color);
        canvas.DrawOval(centerX, centerY, radiusX, radiusY, paint);
    }

    private static void FillPolygon(SKCanvas canvas, SKColor color, params (float X, float Y)[] points)
    {
        using var path = new SKPath();
        path.MoveTo(points[0].X, points[0].Y);
        foreach ((float x, float y) in points.Skip(1))
        {
            path.LineTo(x, y);
        }

        path.Close();
        Fill(canvas, path, color);
    }
}
