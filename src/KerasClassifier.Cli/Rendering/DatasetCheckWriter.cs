using System.Globalization;
using KerasClassifier.Keras.Data;

namespace KerasClassifier.Cli.Rendering;

/// <summary>Writes a dataset check as a report (the check command) or as warnings (before fit).</summary>
internal static class DatasetCheckWriter
{
    private const int ListedItems = 10;

    public static void WriteReport(DatasetCheckReport report, string trainingPath, string? validationPath, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        var classes = report.ClassNames.Count;
        output.WriteLine($"training: {trainingPath}: {report.TrainingCounts.Sum()} images in {report.TrainingCounts.Count(c => c > 0)} of {classes} classes");
        if (report.ValidationCounts is { } validationCounts)
        {
            output.WriteLine($"validation: {validationPath}: {validationCounts.Sum()} images in {validationCounts.Count(c => c > 0)} of {classes} classes");
        }

        output.WriteLine();
        var nameWidth = Math.Max(5, report.ClassNames.Max(n => n.Length));
        output.WriteLine($"{"class".PadRight(nameWidth)}  {"train",6}  {"val",5}  {"weight",7}");
        var weights = report.SuggestedClassWeights;
        for (var id = 0; id < classes; id++)
        {
            var validation = report.ValidationCounts is null ? "-" : report.ValidationCounts[id].ToString(culture);
            output.WriteLine($"{report.ClassNames[id].PadRight(nameWidth)}  {report.TrainingCounts[id],6}  {validation,5}  {weights[id].ToString("0.000", culture),7}");
        }

        output.WriteLine();
        var largest = report.TrainingCounts.Max();
        var smallest = report.TrainingCounts.Where(c => c > 0).DefaultIfEmpty(0).Min();
        output.WriteLine($"imbalance: largest class {largest} images, smallest {smallest}, ratio {report.ImbalanceRatio.ToString("0.0", culture)}");
        WriteList(output, "unreadable files", report.UnreadableFiles.Select(p => $"{p.Key}: {p.Value}").ToList());
        WriteList(output, "exact duplicates", report.DuplicateGroups.Select(g => string.Join(" = ", g)).ToList());
        WriteList(output, "tiny images", report.TinyImages.Select(p => $"{p.Key}: {p.Value.Width}x{p.Value.Height}").ToList());
        if (report.ValidationCounts is not null)
        {
            WriteList(output, "files in both training and validation", report.Overlap.Select(p => $"{p.Training} = {p.Validation}").ToList());
            WriteList(output, "classes missing from validation", report.MissingFromValidation.ToList());
        }

        output.WriteLine("suggested class weights: balanced, total / (classes x count), in the weight column above");
    }

    /// <summary>Writes one warning line for each problem that can spoil a training run or its validation numbers.</summary>
    public static void WriteWarnings(DatasetCheckReport report, TextWriter diagnostics)
    {
        var culture = CultureInfo.InvariantCulture;
        if (report.Overlap.Count > 0)
        {
            diagnostics.WriteLine($"warning: {report.Overlap.Count} validation image(s) are identical to training images (first: {report.Overlap[0].Validation}); validation accuracy will be too high. Run 'kerasclassifier check' for the list.");
        }

        if (report.DuplicateGroups.Count > 0)
        {
            diagnostics.WriteLine($"warning: {report.DuplicateGroups.Count} group(s) of identical files (first: {string.Join(" = ", report.DuplicateGroups[0])}).");
        }

        if (report.MissingFromValidation.Count > 0)
        {
            diagnostics.WriteLine($"warning: {report.MissingFromValidation.Count} of {report.ClassNames.Count} classes have no validation images, e.g. {string.Join(", ", report.MissingFromValidation.Take(3))}.");
        }

        if (report.ImbalanceRatio >= 10)
        {
            diagnostics.WriteLine($"warning: the training classes are imbalanced: the largest has {report.ImbalanceRatio.ToString("0.0", culture)} times the images of the smallest.");
        }

        if (report.TinyImages.Count > 0)
        {
            diagnostics.WriteLine($"warning: {report.TinyImages.Count} image(s) are smaller than {DatasetCheck.DefaultTinySide} pixels on a side (first: {report.TinyImages.First().Key}).");
        }
    }

    private static void WriteList(TextWriter output, string title, IReadOnlyList<string> items)
    {
        output.WriteLine($"{title}: {items.Count}");
        foreach (var item in items.Take(ListedItems))
        {
            output.WriteLine("  " + item);
        }

        if (items.Count > ListedItems)
        {
            output.WriteLine($"  ... and {items.Count - ListedItems} more");
        }
    }
}
