using KerasClassifier.Keras;
using KerasClassifier.Keras.Losses;
using KerasClassifier.Keras.Models;
using KerasClassifier.Keras.Optimizers;

namespace KerasClassifier.Benchmarks;

/// <summary>The library under test: <c>Fit</c> and <c>Predict</c> on in-memory arrays, as a user calls them.</summary>
internal sealed class LibraryContender
{
    private readonly Model model;
    private readonly int batchSize;
    private readonly int seed;

    /// <summary>Initializes a new instance of the <see cref="LibraryContender"/> class and compiles the model.</summary>
    /// <param name="model">The built model.</param>
    /// <param name="batchSize">The examples per step.</param>
    /// <param name="seed">The shuffle seed.</param>
    public LibraryContender(Model model, int batchSize, int seed)
    {
        this.model = model;
        this.batchSize = batchSize;
        this.seed = seed;
        model.Compile(new Adam(), new SparseCategoricalCrossentropy(), ["accuracy"]);
    }

    /// <summary>Trains one epoch over the images with <c>Fit</c>.</summary>
    /// <param name="x">The images.</param>
    /// <param name="y">The labels.</param>
    /// <returns>The epoch's mean loss.</returns>
    public double TrainEpoch(NDArray x, int[] y)
    {
        var history = model.Fit(x, y, batchSize: batchSize, epochs: 1, shuffle: true, seed: seed);
        return history.Values["loss"][^1];
    }

    /// <summary>Runs <c>Predict</c> over the images.</summary>
    /// <param name="x">The images.</param>
    /// <returns>The probabilities.</returns>
    public NDArray Predict(NDArray x) => model.Predict(x, batchSize: batchSize);
}
