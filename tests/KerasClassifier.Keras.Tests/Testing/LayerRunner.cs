using KerasClassifier.Keras.Layers;
using KerasClassifier.Keras.Models;

namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>Runs a single layer on channels_last data through a one-layer Sequential model.</summary>
internal static class LayerRunner
{
    public static NDArray Run(Layer layer, NDArray input)
    {
        var model = new Sequential([new InputLayer(input.Shape[1..]), layer]);
        return model.Predict(input);
    }
}
