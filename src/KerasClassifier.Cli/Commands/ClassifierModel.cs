using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Cli.Commands;

/// <summary>A classifier built for the fit command, with its pretrained backbone when it has one.</summary>
/// <param name="Model">The whole model, raw 0-255 RGB photos in, class probabilities out.</param>
/// <param name="Backbone">The pretrained feature extractor inside <paramref name="Model"/>, or null for a model trained from scratch.</param>
/// <param name="Description">A short description for the start-of-run banner.</param>
internal sealed record ClassifierModel(Sequential Model, Layer? Backbone, string Description);
