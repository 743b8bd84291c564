using SkiaSharp;

namespace KerasClassifier.Cli.Tests;

/// <summary>A temporary folder for datasets that the tests write, deleted on dispose.</summary>
internal sealed class TestFolder : IDisposable
{
    public TestFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kc-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a solid-colour PNG with a bright square whose position depends on the class.</summary>
    public string WriteImage(string relativePath, int classIndex, int variant)
    {
        var file = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        using var bitmap = new SKBitmap(24, 24);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor((byte)(40 + variant * 10), 40, 40));
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(classIndex == 0 ? new SKRect(2, 2, 10, 10) : new SKRect(14, 14, 22, 22), paint);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(file, data.ToArray());
        return file;
    }

    public void WriteText(string relativePath, string content)
    {
        var file = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test on cleanup.
        }
    }
}
