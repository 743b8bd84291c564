using KerasClassifier.Keras.Callbacks;
using KerasClassifier.Keras.Data;
using KerasClassifier.Keras.Models;
using Microsoft.DotNet.Interactive.Formatting;

namespace KerasClassifier.Interactive;

/// <summary>Registers the notebook formatters for KerasClassifier's types.</summary>
/// <remarks>
/// The package's <c>interactive-extensions/dotnet/extension.dib</c> calls <see cref="Register"/>
/// when a notebook loads it with <c>#r "nuget: KerasClassifier.Interactive"</c>. The package does not
/// bring the .NET Interactive assemblies, because the kernel has them; a process outside a notebook
/// needs a reference to Microsoft.DotNet.Interactive 1.0.0-beta.26120.1, as the tests have.
/// </remarks>
public static class KerasFormatters
{
    private static int registered;

    /// <summary>
    /// Registers HTML formatters: a model shows its summary table, a <see cref="History"/> and
    /// <see cref="TrainingCurves"/> their charts, an <see cref="ImageBatch"/> and <see cref="ImageGrid"/>
    /// their images, and a <see cref="ConfusionMatrix"/> a shaded table. Later calls do nothing.
    /// </summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        Formatter.Register<Model>((model, writer) => writer.Write(ModelSummaryHtml.Render(model)), HtmlFormatter.MimeType);
        Formatter.Register<Model>((model, writer) => writer.Write(model.Built ? model.Summary() : model.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<History>((history, writer) => writer.Write(new TrainingCurves(history).ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<TrainingCurves>((curves, writer) => writer.Write(curves.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<ImageBatch>((batch, writer) => writer.Write(new ImageGrid(batch).ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<ImageGrid>((grid, writer) => writer.Write(grid.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<ConfusionMatrix>((matrix, writer) => writer.Write(matrix.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<RawHtml>((fragment, writer) => writer.Write(fragment.Html), HtmlFormatter.MimeType);
    }
}
