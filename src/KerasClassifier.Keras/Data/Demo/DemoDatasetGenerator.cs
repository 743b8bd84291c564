using SkiaSharp;

namespace KerasClassifier.Keras.Data.Demo;

/// <summary>
/// Writes a small synthetic product-photo dataset (bottle, box, can, carton, fruit, jar) for trying the
/// trainer without real photos.
/// </summary>
/// <remarks>
/// Each image shows one product at a random position, size and rotation, in random colours shared by
/// all classes, on a textured background, with a shadow, clutter that may hide part of the product, a
/// brightness gradient and noise. The shape is what tells the classes apart.
/// </remarks>
public static class DemoDatasetGenerator
{
    /// <summary>Side length of the square images, in pixels.</summary>
    public const int ImageSize = 128;

    /// <summary>Gets the class names, which are also the folder names, in label order.</summary>
    public static IReadOnlyList<string> ClassNames => DemoProducts.ClassNames;

    /// <summary>
    /// Generates the dataset as <c>&lt;outputDirectory&gt;/&lt;class&gt;/&lt;n&gt;.jpg</c> plus a README.txt.
    /// </summary>
    /// <param name="outputDirectory">Folder to create; it must not exist or be empty.</param>
    /// <param name="imagesPerClass">Images per class (at least 1; 100 is a good size for a quick run).</param>
    /// <param name="seed">Seed; the same seed gives the same images.</param>
    /// <remarks>
    /// The dataset is written to a temporary folder beside <paramref name="outputDirectory"/> and renamed
    /// when complete, so an interrupted run leaves no partial dataset under the final name.
    /// </remarks>
    /// <exception cref="IOException"><paramref name="outputDirectory"/> exists and is not empty.</exception>
    public static void Generate(string outputDirectory, int imagesPerClass = 100, int seed = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(imagesPerClass, 1);

        string target = Path.GetFullPath(outputDirectory);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException($"Output directory '{outputDirectory}' already exists and is not empty; choose a new folder or delete it.");
        }

        string parent = Path.GetDirectoryName(target.TrimEnd(Path.DirectorySeparatorChar))!;
        Directory.CreateDirectory(parent);
        string temporary = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Guid.NewGuid():N}");

        try
        {
            WriteDataset(temporary, imagesPerClass, seed);
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(temporary, target);
        }
        catch
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }

            throw;
        }
    }

    /// <summary>
    /// Draws one demo image of class <paramref name="classIndex"/>; the same arguments give the same pixels.
    /// </summary>
    internal static SKBitmap Render(int classIndex, int seed)
    {
        var random = DatasetRandom.Create(seed);
        var bitmap = new SKBitmap(new SKImageInfo(ImageSize, ImageSize, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);

        DemoScene.DrawBackground(canvas, ImageSize, random);
        DemoScene.DrawClutter(canvas, ImageSize, random.Next(0, 3), ImageSize * 0.25f, random);

        // Pose: size, position and rotation; now and then the product lies on its side.
        // The product fills most of the frame, as in a shop photo, so a small CNN at 64 pixels can see its shape.
        float height = ImageSize * (0.55f + (0.3f * random.NextSingle()));
        float margin = height * 0.45f;
        float centerX = margin + ((ImageSize - (2 * margin)) * random.NextSingle());
        float centerY = margin + ((ImageSize - (2 * margin)) * random.NextSingle());
        float rotation = (random.NextSingle() - 0.5f) * 40;
        if (random.NextDouble() < 0.15)
        {
            rotation += 90;
        }

        canvas.Save();
        canvas.Translate(centerX, centerY);
        canvas.RotateDegrees(rotation);
        DemoScene.DrawShadow(canvas, height, random);
        DemoProducts.Draw(canvas, classIndex, height, random);
        canvas.Restore();

        // Small occluders in front of the product, then light and noise over everything.
        DemoScene.DrawClutter(canvas, ImageSize, random.Next(0, 2), height * 0.2f, random);
        DemoScene.DrawLighting(canvas, ImageSize, random);
        canvas.Flush();
        DemoScene.AddNoise(bitmap, 2 + (8 * random.NextSingle()), random);

        return bitmap;
    }

    private static void WriteDataset(string folder, int imagesPerClass, int seed)
    {
        for (int classIndex = 0; classIndex < DemoProducts.ClassNames.Length; classIndex++)
        {
            string classFolder = Path.Combine(folder, DemoProducts.ClassNames[classIndex]);
            Directory.CreateDirectory(classFolder);

            for (int n = 0; n < imagesPerClass; n++)
            {
                // One seed per image, so an image does not depend on how many others are drawn.
                int imageSeed = DatasetRandom.Derive(seed, ((long)classIndex << 32) | (uint)n);
                using SKBitmap bitmap = Render(classIndex, imageSeed);
                using SKData jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
                using FileStream stream = File.Create(Path.Combine(classFolder, $"{n + 1:D4}.jpg"));
                jpeg.SaveTo(stream);
            }
        }

        File.WriteAllText(Path.Combine(folder, "README.txt"), ReadmeText(imagesPerClass, seed));
    }

    private static string ReadmeText(int imagesPerClass, int seed) =>
        $"""
        Synthetic product photos, drawn by KerasClassifier's DemoDatasetGenerator (seed {seed}).
        These are not real photos. They exist to try the trainer end to end.

        Classes (one folder each, {imagesPerClass} JPEG images of {ImageSize}x{ImageSize} per class):
        {string.Join(", ", DemoProducts.ClassNames)}

        Each image shows one product at a random position, size and rotation, in random colours that
        every class shares, on a textured background, with a shadow, clutter that may hide part of the
        product, a brightness gradient and noise. The shape is what tells the classes apart.

        """;
}
