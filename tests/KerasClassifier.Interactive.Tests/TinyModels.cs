using KerasClassifier.Keras;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Interactive.Tests;

/// <summary>A small compiled classifier and seeded data for display tests.</summary>
internal static class TinyModels
{
    public static Sequential Classifier(int classes = 3)
    {
        KerasBackend.SetRandomSeed(3);
        var model = new Sequential([
            new InputLayer([8, 8, 3]),
            new Conv2D(4, 3, activation: "relu"),
            new GlobalAveragePooling2D(),
            new Dense(classes, activation: "softmax"),
        ]);
        model.Compile("adam", "sparse_categorical_crossentropy", ["accuracy"]);
        return model;
    }

    public static (NDArray X, int[] Y) Data(int count, int classes = 3)
    {
        var random = new Random(5);
        var x = new float[count * 8 * 8 * 3];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = random.Next(256);
        }

        return (new NDArray(x, count, 8, 8, 3), Enumerable.Range(0, count).Select(i => i % classes).ToArray());
    }
}
