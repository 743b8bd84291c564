namespace KerasClassifier.Interactive;

/// <summary>An HTML fragment that the notebook writes as it is, without encoding.</summary>
/// <remarks>
/// Used in place of ASP.NET Core's HtmlString, whose assembly version differs between the notebook
/// kernel (2.3.0) and the package versions NuGet serves.
/// </remarks>
/// <param name="Html">The markup.</param>
internal sealed record RawHtml(string Html);
