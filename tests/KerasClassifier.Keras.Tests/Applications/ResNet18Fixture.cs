using KerasClassifier.Keras.Applications;
using KerasClassifier.Keras.Models;
using Microsoft.ML.OnnxRuntime;

namespace KerasClassifier.Keras.Tests.Applications;

/// <summary>
/// One ImageNet ResNet18 feature extractor and one ONNX Runtime session over the same file, shared by
/// a test class because loading the 64 MB file takes a second or two.
/// </summary>
public sealed class ResNet18Fixture : IDisposable
{
    public ResNet18Fixture()
    {
        WeightFile = PretrainedWeights.Resolve("resnet18", "imagenet");
        Features = ResNet18.Create(includeTop: false, weights: "imagenet", pooling: "avg");
        Session = new InferenceSession(WeightFile);
    }

    public string WeightFile { get; }

    public Sequential Features { get; }

    public InferenceSession Session { get; }

    /// <summary>Runs the ONNX file on one preprocessed image given channels_last (224, 224, 3); returns the 512 features.</summary>
    public float[] RunOnnx(float[] imageHwc)
    {
        const int size = 224;
        var chw = new float[3 * size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    chw[(c * size + y) * size + x] = imageHwc[(y * size + x) * 3 + c];
                }
            }
        }

        var inputName = Session.InputMetadata.Keys.Single();
        using var input = OrtValue.CreateTensorValueFromMemory(chw, [1, 3, size, size]);
        using var outputs = Session.Run(new RunOptions(), new Dictionary<string, OrtValue> { [inputName] = input }, Session.OutputNames);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => Session.Dispose();
}
