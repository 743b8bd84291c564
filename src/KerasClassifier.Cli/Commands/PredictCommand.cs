using System.Globalization;
using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Keras;
using KerasClassifier.Keras.Data;

namespace KerasClassifier.Cli.Commands;

/// <summary>The <c>predict</c> command: classifies photos with a saved model, one result line per photo.</summary>
internal sealed class PredictCommand
{
    public static readonly OptionSpec[] Options =
    [
        new("model", "PATH", "The trained model, when not given as the first argument."),
        new("data", "PATH", "Photos to classify: an image file, a folder (searched recursively) or a list file of 'path[, label]' lines."),
        new("top", "K", "Classes to show per photo, most likely first (default 1)."),
        new("batch-size", "N", "Photos per prediction step (default 32)."),
        new("input-scale", "X", "Factor applied to 0-255 pixel values before the model, e.g. 0.00392156862745098 for a model trained on 0-1 inputs (default 1: fit's models rescale inside)."),
        new("help", null, "Show this help."),
    ];

    private readonly TextWriter results;
    private readonly TextWriter diagnostics;

    public PredictCommand(TextWriter results, TextWriter diagnostics)
    {
        this.results = results;
        this.diagnostics = diagnostics;
    }

    public static string Help => ArgumentParser.FormatHelp(
        "kerasclassifier predict MODEL --data PATH [options]",
        "Prints one line per photo: its path, then the most likely classes with their probabilities, tab-separated.",
        Options);

    public int Run(IReadOnlyList<string> args)
    {
        var parsed = ArgumentParser.Parse("predict", args, Options, maxPositional: 1);
        if (parsed.Has("help"))
        {
            results.WriteLine(Help);
            return ExitCodes.Success;
        }

        var modelPath = ModelArgument.Resolve(parsed, "predict");
        var data = parsed.GetString("data") ?? throw new UsageException("predict needs --data PATH (an image, a folder of images or a list file).");
        var top = parsed.GetInt("top", 1) ?? 1;
        var batchSize = parsed.GetInt("batch-size", 1, 65536) ?? 32;
        var scale = parsed.GetDouble("input-scale", 0) ?? 1;
        var files = PredictionInputs.Find(data);

        var model = ModelFiles.Load(modelPath, diagnostics);
        var input = model.InputShape;
        if (input is not { Rank: 4 } || input[1] is not int height || input[2] is not int width || input[3] is not (1 or 3))
        {
            throw new UsageException($"model '{modelPath}' takes input shape {input}; predict needs images (None, height, width, 1 or 3).");
        }

        var channels = input[3]!.Value;
        var classNames = ModelFiles.ReadClassNames(modelPath);
        var decoder = new SkiaImageDecoder();
        var resize = new ImageResizeOptions(height, width, ImageInterpolation.Bilinear, CropToAspectRatio: false);
        var predicted = 0;
        for (var start = 0; start < files.Count; start += batchSize)
        {
            var batch = files.Skip(start).Take(batchSize).ToList();
            var (pixels, readable) = Decode(batch, decoder, resize, channels, (float)scale);
            if (readable.Count == 0)
            {
                continue;
            }

            var probabilities = model.Predict(new NDArray(pixels, readable.Count, height, width, channels), batchSize);
            WriteResults(readable, probabilities, classNames, top);
            predicted += readable.Count;
        }

        if (predicted == 0)
        {
            throw new UsageException($"--data '{data}': none of its {files.Count} image file(s) could be read; expected JPEG, PNG, WebP, BMP or GIF images.");
        }

        return ExitCodes.Success;
    }

    private (float[] Pixels, List<string> Readable) Decode(List<string> files, SkiaImageDecoder decoder, ImageResizeOptions resize, int channels, float scale)
    {
        var pixels = new List<float>();
        var readable = new List<string>();
        foreach (var file in files)
        {
            float[] rgb;
            try
            {
                rgb = decoder.Decode(file, resize);
            }
            catch (InvalidDataException ex)
            {
                diagnostics.WriteLine($"warning: skipped unreadable image {file}: {ex.Message}");
                continue;
            }

            readable.Add(file);
            if (channels == 3)
            {
                pixels.AddRange(rgb.Select(v => v * scale));
                continue;
            }

            // TensorFlow's rgb_to_grayscale weights, for models trained on one-channel images.
            for (var i = 0; i < rgb.Length; i += 3)
            {
                pixels.Add(((0.2989f * rgb[i]) + (0.587f * rgb[i + 1]) + (0.114f * rgb[i + 2])) * scale);
            }
        }

        return ([.. pixels], readable);
    }

    private void WriteResults(List<string> files, NDArray probabilities, IReadOnlyList<string>? classNames, int top)
    {
        var culture = CultureInfo.InvariantCulture;
        var classes = probabilities.Shape[^1];
        for (var row = 0; row < files.Count; row++)
        {
            var scores = probabilities.Data.AsSpan(row * classes, classes).ToArray();
            var best = Enumerable.Range(0, classes).OrderByDescending(c => scores[c]).Take(top);
            var cells = best.Select(c => $"{(classNames is not null && c < classNames.Count ? classNames[c] : c.ToString(culture))}\t{scores[c].ToString("0.0000", culture)}");
            results.WriteLine($"{files[row]}\t{string.Join('\t', cells)}");
        }
    }
}
