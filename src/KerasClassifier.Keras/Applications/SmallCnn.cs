using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Applications;

/// <summary>
/// The default classifier for training from scratch: four convolution blocks (32, 64, 128 and 256
/// filters, each Conv2D + BatchNormalization + ReLU), global average pooling, dropout and a softmax
/// head. It suits a few thousand photos at 64 to 224 pixels. Its batch normalization uses momentum
/// 0.9 rather than Keras's 0.99, so the moving statistics settle within the first epochs of a small dataset.
/// </summary>
public static class SmallCnn
{
    /// <summary>Creates the model for inputs of 0..255 pixel values.</summary>
    /// <param name="inputShape">The per-example shape (height, width, channels); both sides at least 16.</param>
    /// <param name="classes">The number of classes; at least 2.</param>
    /// <param name="dropout">The dropout rate before the head (default 0.3).</param>
    /// <param name="name">The model name.</param>
    /// <param name="augmentation">Layers placed right after the input, such as <see cref="AugmentationPresets"/>; they act only in training.</param>
    /// <returns>An uncompiled, built model.</returns>
    public static Sequential Create(int[] inputShape, int classes, double dropout = 0.3, string name = "small_cnn", IEnumerable<Layer>? augmentation = null)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length != 3 || inputShape[0] < 16 || inputShape[1] < 16 || inputShape[2] <= 0)
        {
            throw new ArgumentException(
                $"Invalid inputShape ({string.Join(", ", inputShape)}) for SmallCnn; expected (height, width, channels) with both sides at least 16.", nameof(inputShape));
        }

        if (classes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "Invalid classes for SmallCnn; expected at least 2.");
        }

        var model = new Sequential(name: name);
        model.Add(new InputLayer(inputShape));
        foreach (var layer in augmentation ?? [])
        {
            model.Add(layer);
        }

        model.Add(new Rescaling(1.0 / 255));
        foreach (var filters in new[] { 32, 64, 128, 256 })
        {
            model.Add(new Conv2D(filters, 3, padding: "same", useBias: false));
            model.Add(new BatchNormalization(momentum: 0.9));
            model.Add(new ReLU());
            if (filters < 256)
            {
                model.Add(new MaxPooling2D(2));
            }
        }

        model.Add(new GlobalAveragePooling2D());
        model.Add(new Dropout(dropout));
        model.Add(new Dense(classes, activation: "softmax"));
        return model;
    }
}
