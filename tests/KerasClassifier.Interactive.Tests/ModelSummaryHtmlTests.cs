using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;
using Microsoft.DotNet.Interactive.Formatting;

namespace KerasClassifier.Interactive.Tests;

public class ModelSummaryHtmlTests
{
    [Fact]
    public void Render_ListsLayersAndTotals()
    {
        var model = TinyModels.Classifier();

        string html = ModelSummaryHtml.Render(model);

        foreach (var layer in model.Layers)
        {
            Assert.Contains($"{layer.Name} ({layer.ClassName})", html);
        }

        long total = model.Weights.Sum(w => w.Count);
        Assert.Contains($"Total params: {total:N0}", html);
        Assert.Contains("(None, 6, 6, 4)", html);
    }

    [Fact]
    public void Render_FrozenLayerNotTrainable()
    {
        var model = TinyModels.Classifier();
        model.Layers[0].Trainable = false;

        string html = ModelSummaryHtml.Render(model);

        Assert.Contains("<td style=\"text-align:center\">no</td>", html);
        Assert.Contains($"Non-trainable params: {model.Layers[0].CountParams():N0}", html);
    }

    [Fact]
    public void Render_UnbuiltModelIsNote()
    {
        var model = new Sequential([new Dense(2)], name: "unbuilt");

        string html = ModelSummaryHtml.Render(model);

        Assert.Contains("Model: \"unbuilt\"", html);
        Assert.Contains("Not built yet", html);
    }

    [Fact]
    public void Formatters_RenderModelAsSummary()
    {
        KerasFormatters.Register();
        var model = TinyModels.Classifier();

        string html = model.ToDisplayString(HtmlFormatter.MimeType);
        string text = model.ToDisplayString(PlainTextFormatter.MimeType);

        Assert.StartsWith("<div class=\"kc-summary\">", html);
        Assert.Equal(model.Summary(), text);
    }
}
