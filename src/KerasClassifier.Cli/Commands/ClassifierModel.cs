using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Cli.Commands;

/// <summary>A classifier built for the fit command, with the parts that fine-tuning needs when it has a pretrained backbone.</summary>
/// <param name="Model">The whole model, raw 0-255 RGB photos in, class probabilities out.</param>
/// <param name="Description">A short description for the start-of-run banner.</param>
/// <param name="Backbone">The pretrained feature extractor inside <paramref name="Model"/>, or null for a model trained from scratch.</param>
/// <param name="Features">Photos to backbone features: the layers of <paramref name="Model"/> up to and including the backbone; null without a backbone.</param>
/// <param name="Head">Backbone features to class probabilities: the remaining layers of <paramref name="Model"/>; null without a backbone.</param>
internal sealed record ClassifierModel(Sequential Model, string Description, Layer? Backbone = null, Sequential? Features = null, Sequential? Head = null);
