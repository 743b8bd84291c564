using System.Globalization;
using KerasClassifier.Cli.CommandLine;
using KerasClassifier.Cli.Reports;
using KerasClassifier.Keras;
using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Saving;

namespace KerasClassifier.Cli.Commands;

/// <summary>
/// The <c>evaluate</c> command: runs a saved classifier on labelled photos, prints the accuracy per
/// class and the most confused pairs, and writes a confusion-matrix PNG and a per-class CSV.
/// </summary>
internal sealed class EvaluateCommand
{
    /// <summary>The confusion matrix PNG's name inside the output folder.</summary>
    public const string ConfusionMatrixFileName = "confusion_matrix.png";

    /// <summary>The per-class precision and recall CSV's name inside the output folder.</summary>
    public const string PerClassFileName = "per_class.csv";

    public static readonly OptionSpec[] Options =
    [
        new("model", "PATH", "The trained model: a .keras or .h5 file, such as models/model.keras. Required, here or as the first argument."),
        new("data", "PATH", "Labelled photos: a folder with one subfolder per class, or a list file of 'path, label' lines. Required."),
        new("batch-size", "N", "Photos per prediction step (default 32)."),
        new("top", "N", "Most confused class pairs to list (default 5)."),
        new("output", "DIR", "Folder for confusion_matrix.png and per_class.csv (default: the model's folder)."),
        new("help", null, "Show this help."),
    ];

    private readonly TextWriter results;
    private readonly TextWriter diagnostics;

    public EvaluateCommand(TextWriter results, TextWriter diagnostics)
    {
        this.results = results;
        this.diagnostics = diagnostics;
    }

    public static string Help => ArgumentParser.FormatHelp(
        "kerasclassifier evaluate MODEL --data PATH [options]",
        "Evaluates a trained classifier: prints accuracy per class and the most confused pairs, and writes a confusion matrix PNG and a per-class precision/recall CSV.",
        Options);

    public int Run(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var parsed = ArgumentParser.Parse("evaluate", args, Options, maxPositional: 1);
        if (parsed.Has("help"))
        {
            results.WriteLine(Help);
            return ExitCodes.Success;
        }

        var batchSize = parsed.GetInt("batch-size", 1, 65536) ?? 32;
        var top = parsed.GetInt("top", 0) ?? 5;
        var modelPath = ModelArgument.Resolve(parsed, "evaluate");
        var dataPath = parsed.GetString("data") ?? throw new UsageException("option '--data' is required; give a folder with one subfolder per class or a list file.");
        if (!File.Exists(modelPath) && !Directory.Exists(modelPath))
        {
            throw new UsageException($"--model '{modelPath}' does not exist; expected a .keras or .h5 file written by 'kerasclassifier fit', or a SavedModel folder.");
        }

        if (!File.Exists(dataPath) && !Directory.Exists(dataPath))
        {
            throw new UsageException($"--data '{dataPath}' does not exist; expected a folder with one subfolder per class or a list file of 'path, label' lines.");
        }

        var output = parsed.GetString("output") ?? Path.GetDirectoryName(Path.GetFullPath(modelPath))!;

        var model = KerasModels.LoadModel(modelPath);
        var (height, width) = ImageSize(model, modelPath);
        var classNames = ModelFiles.ReadClassNames(modelPath);
        var dataset = DataSelection.Open(dataPath, "--data", (height, width), batchSize, false, 0, classNames);
        dataset.Warning += (_, e) => diagnostics.WriteLine("warning: " + e.Message);
        if (classNames is null)
        {
            diagnostics.WriteLine($"warning: no {FitCommand.ClassNamesFileName} beside {modelPath}; taking the class order from {dataPath}, which must hold the same classes as the training data.");
        }

        var report = Predict(model, dataset, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            diagnostics.WriteLine("Evaluation was cancelled; no report written.");
            return ExitCodes.Cancelled;
        }

        PrintReport(report, top);
        Directory.CreateDirectory(output);
        var plotPath = Path.Combine(output, ConfusionMatrixFileName);
        var csvPath = Path.Combine(output, PerClassFileName);
        ConfusionMatrixPlot.Write(report, plotPath);
        report.WritePerClassCsv(csvPath);
        diagnostics.WriteLine($"confusion matrix: {plotPath}; per-class precision and recall: {csvPath}");
        return ExitCodes.Success;
    }

    private static (int Height, int Width) ImageSize(Model model, string modelPath)
    {
        var shape = model.InputShape;
        if (shape is null || shape.Rank != 4 || shape[1] is not int height || shape[2] is not int width)
        {
            throw new InvalidDataException($"Model '{modelPath}' does not take images of a fixed size (input shape {shape?.ToString() ?? "unknown"}); expected (None, height, width, channels).");
        }

        return (height, width);
    }

    private static ConfusionReport Predict(Model model, ImageDataset<ImageBatch> dataset, CancellationToken cancellationToken)
    {
        var labels = new List<int>();
        var predictions = new List<int>();
        foreach (var batch in dataset)
        {
            var images = new NDArray(batch.Images, batch.Count, batch.Height, batch.Width, batch.Channels);
            predictions.AddRange(model.Predict(images, batchSize: batch.Count).ArgMax());
            labels.AddRange(batch.Labels);

            // Predict has copied the pixels into tensors, so the batch's array can serve the next batch.
            batch.ReleasePooledImages();
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        return ConfusionReport.Create(labels, predictions, dataset.ClassNames);
    }

    private void PrintReport(ConfusionReport report, int top)
    {
        var culture = CultureInfo.InvariantCulture;
        var correct = Enumerable.Range(0, report.ClassNames.Count).Sum(i => report.Matrix[i, i]);
        results.WriteLine($"accuracy: {report.Accuracy.ToString("0.0000", culture)} ({correct}/{report.Total})");
        results.WriteLine("per-class accuracy:");
        var width = report.ClassNames.Max(n => n.Length);
        for (var i = 0; i < report.ClassNames.Count; i++)
        {
            var recall = report.Recall(i);
            var value = double.IsNaN(recall) ? "  n/a " : recall.ToString("0.0000", culture);
            results.WriteLine($"  {report.ClassNames[i].PadRight(width)}  {value} ({report.Matrix[i, i]}/{report.Support(i)})");
        }

        var pairs = report.MostConfused(top);
        results.WriteLine(pairs.Count == 0 ? "most confused: none" : "most confused (true -> predicted):");
        foreach (var (actual, predicted, count) in pairs)
        {
            var share = (double)count / report.Support(actual);
            results.WriteLine($"  {report.ClassNames[actual]} -> {report.ClassNames[predicted]}: {count} ({(share * 100).ToString("0.0", culture)}% of {report.ClassNames[actual]})");
        }
    }
}
