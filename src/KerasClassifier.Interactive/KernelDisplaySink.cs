using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace KerasClassifier.Interactive;

/// <summary>Draws into the output of the notebook cell that is running, through .NET Interactive's displayed values.</summary>
/// <remarks>Outside a notebook kernel there is no cell to draw in, so nothing is shown.</remarks>
internal sealed class KernelDisplaySink : ITrainingDisplaySink
{
    private DisplayedValue? displayed;

    /// <summary>Initializes a new instance of the <see cref="KernelDisplaySink"/> class and registers the formatter of <see cref="RawHtml"/>.</summary>
    public KernelDisplaySink() => KerasFormatters.Register();

    /// <inheritdoc/>
    public void Show(string html)
    {
        displayed = KernelInvocationContext.Current?.Display(new RawHtml(html), HtmlFormatter.MimeType);
    }

    /// <inheritdoc/>
    public void Update(string html) => displayed?.Update(new RawHtml(html));
}
