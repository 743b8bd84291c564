using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Layers;
using static TorchSharp.torch;

namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>Calls a layer directly on channels_last data, in training or inference mode.</summary>
internal static class LayerCall
{
    public static NDArray Run(Layer layer, NDArray input, bool training)
    {
        layer.Build(new Shape([null, .. input.Shape[1..].Select(d => (int?)d)]));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = TensorLayout.FromChannelsLast(tensor(input.Data, input.Shape.Select(d => (long)d).ToArray()));
        var y = TensorLayout.ToChannelsLast(layer.Call(x, training)).contiguous();
        return new NDArray(y.data<float>().ToArray(), y.shape.Select(d => (int)d).ToArray());
    }
}
